package dev.tmcp.bridge.events;

import dev.tmcp.core.money.Money;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Money in Matrix content: a decimal string with the currency's scale plus integer minor units,
 * because canonical JSON has no floats and Synapse refuses them (decision 0005).
 */
final class Amounts {

    private Amounts() {
    }

    static Money money(BigDecimal amount, String currency) {
        return Money.parse(amount, currency);
    }

    /** Puts {@code <prefix>amount}, {@code <prefix>amount_minor} and {@code currency} into the content. */
    static void put(Map<String, Object> content, String prefix, BigDecimal amount, String currency) {
        Money money = money(amount, currency);
        content.put(prefix + "amount", money.toDecimal().toPlainString());
        content.put(prefix + "amount_minor", money.minorUnits());
        content.put("currency", money.currencyCode());
    }

    static String text(BigDecimal amount, String currency) {
        return money(amount, currency).toString();
    }
}
