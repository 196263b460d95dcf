package dev.tmcp.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount in integer minor units of an ISO 4217 currency. Decimal amounts exist only at the
 * wire boundary ({@link #parse}, {@link #toDecimal}); arithmetic never leaves integers.
 */
public record Money(long minorUnits, Currency currency) {

    /** Upper bound on any single amount: 10^13 minor units, far above every wallet limit. */
    public static final long MAX_MINOR_UNITS = 10_000_000_000_000L;

    public Money {
        if (currency == null) {
            throw new InvalidAmountException("currency is required");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidAmountException("currency has no minor unit: " + currency);
        }
        if (Math.abs(minorUnits) > MAX_MINOR_UNITS) {
            throw new InvalidAmountException("amount is out of range");
        }
    }

    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    public static Money zero(String currencyCode) {
        return ofMinor(0, currencyCode);
    }

    /** Parses a wire amount, refusing more decimals than the currency has. */
    public static Money parse(BigDecimal amount, String currencyCode) {
        if (amount == null) {
            throw new InvalidAmountException("amount is required");
        }
        Currency currency = currency(currencyCode);
        int digits = currency.getDefaultFractionDigits();
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > digits) {
            throw new InvalidAmountException(
                    "amount has more than " + digits + " decimal places for " + currency.getCurrencyCode());
        }
        BigDecimal minor = amount.movePointRight(digits);
        if (minor.abs().compareTo(BigDecimal.valueOf(MAX_MINOR_UNITS)) > 0) {
            throw new InvalidAmountException("amount is out of range");
        }
        return new Money(minor.longValueExact(), currency);
    }

    /** Parses an amount that must be strictly positive (transfers, payments, funding). */
    public static Money parsePositive(BigDecimal amount, String currencyCode) {
        Money money = parse(amount, currencyCode);
        if (money.minorUnits <= 0) {
            throw new InvalidAmountException("amount must be greater than zero");
        }
        return money;
    }

    private static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new InvalidAmountException("currency must be an ISO 4217 code such as USD");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidAmountException("unknown currency: " + code);
        }
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits())
                .setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public Money negate() {
        return new Money(-minorUnits, currency);
    }

    public boolean isLessThan(Money other) {
        requireSameCurrency(other);
        return minorUnits < other.minorUnits;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new InvalidAmountException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency.getCurrencyCode();
    }
}
