// The demo shop: everything through the SDK, nothing else (no token, no network of its own).
const { createTweenSDK, TweenError } = window.TweenSDK;
const sdk = createTweenSDK();
const $ = (id) => document.getElementById(id);
const CATALOG = [
  { id: 'coffee', name: 'Coffee', price: 4.5 },
  { id: 'sandwich', name: 'Sandwich', price: 8.0 },
  { id: 'cake', name: 'Cake', price: 12.5 },
];
let cart = [];
let launch = null;

function status(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
}

function failed(action) {
  return (e) => status(`${action} failed: ${e instanceof TweenError ? `${e.code} — ${e.message}` : e.message}`, true);
}

const total = () => cart.reduce((sum, id) => sum + CATALOG.find((item) => item.id === id).price, 0);

function renderCart() {
  $('cart').replaceChildren(...cart.map((id) => {
    const li = document.createElement('li');
    li.textContent = CATALOG.find((item) => item.id === id).name;
    return li;
  }));
  $('total').textContent = total().toFixed(2);
}

async function saveCart() {
  await sdk.storage.set('cart', JSON.stringify(cart));
  renderCart();
}

async function refreshBalance() {
  const { balance } = await sdk.wallet.getBalance();
  $('balance').textContent = `${balance.available} ${balance.currency}`;
}

async function buy() {
  if (!cart.length) return status('The cart is empty', true);
  status('Waiting for your confirmation…');
  const payment = await sdk.wallet.requestPayment({ amount: Number(total().toFixed(2)), currency: 'USD',
    description: `Demo Shop: ${cart.length} item(s)`, merchant_order_id: `order-${Date.now()}` });
  status(`Payment ${payment.status}: ${payment.amount} ${payment.currency} (${payment.payment_id})`);
  cart = [];
  await saveCart();
  await refreshBalance();
}

async function split() {
  status('Waiting for your confirmation…');
  const transfer = await sdk.wallet.sendTransfer({ recipient: $('split-recipient').value.trim(),
    amount: Number($('split-amount').value), currency: 'USD', note: 'Split the bill', room_id: launch.room_id });
  status(`Transfer ${transfer.status}: ${transfer.amount} ${transfer.currency} (${transfer.transfer_id})`);
  await refreshBalance();
}

async function gift() {
  status('Waiting for your confirmation…');
  const created = await sdk.wallet.sendGift({ type: 'group', room_id: launch.room_id, currency: 'USD',
    total_amount: Number($('gift-total').value), count: Number($('gift-count').value), distribution: 'equal',
    message: 'Treats from the Demo Shop' });
  status(`Gift ${created.status}: ${created.gift_id}`);
  await refreshBalance();
}

async function card() {
  const sent = await sdk.messaging.sendCard({ card: { type: 'product', title: "Today's special: Cake",
    description: 'Fresh from the Demo Shop', price: { amount: 12.5, currency: 'USD' } } });
  status(`Card ${sent.status}: ${sent.event_id}`);
}

async function start() {
  launch = await sdk.ready();
  $('user').textContent = launch.user_id;
  $('catalog').replaceChildren(...CATALOG.map((item) => {
    const li = document.createElement('li');
    const add = document.createElement('button');
    add.type = 'button';
    add.id = `add-${item.id}`;
    add.textContent = `Add ${item.name} (${item.price.toFixed(2)})`;
    add.addEventListener('click', () => { cart.push(item.id); saveCart().catch(failed('Saving the cart')); });
    li.append(add);
    return li;
  }));
  const saved = await sdk.storage.get('cart');
  cart = saved ? JSON.parse(saved).filter((id) => CATALOG.some((item) => item.id === id)) : [];
  renderCart();
  $('refresh').addEventListener('click', () => refreshBalance().catch(failed('Balance')));
  $('buy').addEventListener('click', () => buy().catch(failed('Payment')));
  $('split').addEventListener('click', () => split().catch(failed('Transfer')));
  $('gift').addEventListener('click', () => gift().catch(failed('Gift')));
  $('card').addEventListener('click', () => card().catch(failed('Card')));
  await refreshBalance().catch(failed('Balance'));
  document.body.dataset.ready = 'true';
}

start().catch(failed('Start'));
