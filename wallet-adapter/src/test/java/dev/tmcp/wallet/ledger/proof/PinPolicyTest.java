package dev.tmcp.wallet.ledger.proof;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.TmcpException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"482913", "19750402", "000123"})
    void acceptsPinsOfSixOrMoreDigitsWithoutPattern(String pin) {
        assertThatCode(() -> PinPolicy.check(pin)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "123456", "654321", "111111", "abcdef", "12345a", "1234567890123"})
    void refusesShortSequentialRepeatingOrNonDigitPins(String pin) {
        assertThatThrownBy(() -> PinPolicy.check(pin)).isInstanceOf(TmcpException.class);
    }
}
