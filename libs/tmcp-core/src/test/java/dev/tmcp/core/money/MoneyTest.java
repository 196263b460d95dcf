package dev.tmcp.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesWireAmountsIntoMinorUnits() {
        assertThat(Money.parse(new BigDecimal("5000.00"), "USD").minorUnits()).isEqualTo(500_000);
        assertThat(Money.parse(new BigDecimal("0.1"), "USD").minorUnits()).isEqualTo(10);
        assertThat(Money.parse(new BigDecimal("1500"), "JPY").minorUnits()).isEqualTo(1500);
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThatThrownBy(() -> Money.parse(new BigDecimal("1.005"), "USD"))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("decimal places");
        assertThatThrownBy(() -> Money.parse(new BigDecimal("1.5"), "JPY"))
                .isInstanceOf(InvalidAmountException.class);
        assertThat(Money.parse(new BigDecimal("1.500"), "USD").minorUnits()).isEqualTo(150);
    }

    @Test
    void positiveAmountsRejectZeroAndNegatives() {
        assertThatThrownBy(() -> Money.parsePositive(new BigDecimal("-1.00"), "USD")).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> Money.parsePositive(BigDecimal.ZERO, "USD")).isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void refusesUnknownCurrenciesAndHugeAmounts() {
        assertThatThrownBy(() -> Money.parse(BigDecimal.ONE, "usd")).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> Money.parse(BigDecimal.ONE, "XYZ")).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> Money.parse(new BigDecimal("1e20"), "USD")).isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void rendersWithTheCurrencyScale() {
        assertThat(Money.ofMinor(2500, "USD").toDecimal()).isEqualTo(new BigDecimal("25.00"));
        assertThat(Money.ofMinor(2500, "USD").toDecimal().toPlainString()).isEqualTo("25.00");
    }

    @Test
    void arithmeticStaysInOneCurrency() {
        Money a = Money.ofMinor(100, "USD");
        assertThat(a.plus(Money.ofMinor(50, "USD")).minorUnits()).isEqualTo(150);
        assertThat(a.minus(Money.ofMinor(150, "USD")).minorUnits()).isEqualTo(-50);
        assertThatThrownBy(() -> a.plus(Money.ofMinor(1, "EUR"))).isInstanceOf(InvalidAmountException.class);
    }
}
