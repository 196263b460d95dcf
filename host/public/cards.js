// m.tween.* events as cards (4.11.5). Event content is untrusted: text only, never markup.
const LABELS = {
  'm.tween.wallet.p2p': 'Transfer',
  'm.tween.payment.completed': 'Payment',
  'm.tween.payment.failed': 'Payment failed',
  'm.tween.payment.refunded': 'Refund',
  'm.tween.gift': 'Gift',
  'm.tween.gift.opened': 'Gift opened',
  'm.tween.card': 'Card',
};

export function isCard(event) {
  return event.type?.startsWith('m.tween.') || (event.type === 'm.room.message' && event.content?.msgtype?.startsWith('m.tween.'));
}

function text(tag, className, value) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = value;
  return element;
}

/** A card element; onOpenGift(giftId, element) is offered on gift cards the viewer did not send. */
export function card(event, viewer, onOpenGift) {
  const type = event.type === 'm.room.message' ? event.content.msgtype : event.type;
  const c = event.content ?? {};
  const item = document.createElement('li');
  item.className = 'card';
  item.dataset.type = type;
  item.dataset.eventId = event.event_id ?? '';
  for (const id of ['transfer_id', 'payment_id', 'gift_id']) {
    if (typeof c[id] === 'string') item.dataset[id.replace('_id', 'Id')] = c[id];
  }
  item.append(text('div', 'kind', LABELS[type] ?? type));
  const title = c.title ?? c.card?.title ?? c.body ?? '';
  if (title) item.append(text('div', 'title', String(title)));
  const amount = c.amount ?? c.total_amount ?? c.card?.price?.amount;
  const currency = c.currency ?? c.card?.price?.currency ?? '';
  if (amount !== undefined) item.append(text('div', 'amount', `${amount} ${currency}`));
  const parties = [c.sender?.user_id ?? c.sender, c.recipient?.user_id ?? c.recipient].filter((p) => typeof p === 'string');
  if (parties.length) item.append(text('div', 'parties', parties.join(' → ')));
  if (c.status) item.append(text('div', 'status', String(c.status)));
  if (type === 'm.tween.gift' && typeof c.gift_id === 'string' && onOpenGift && c.sender?.user_id !== viewer) {
    const open = text('button', 'open-gift', 'Open gift');
    open.type = 'button';
    open.addEventListener('click', () => onOpenGift(c.gift_id, item));
    item.append(open);
  }
  return item;
}
