package dev.tmcp.appstore.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

    @Test
    void ordersByMajorThenMinorThenPatchNumerically() {
        assertThat(Semver.parse("1.10.0").isNewerThan(Semver.parse("1.9.9"))).isTrue();
        assertThat(Semver.parse("2.0.0").isNewerThan(Semver.parse("1.99.99"))).isTrue();
        assertThat(Semver.parse("1.0.1").isNewerThan(Semver.parse("1.0.1"))).isFalse();
    }

    @Test
    void namesTheKindOfUpdateByTheHighestPartThatChanged() {
        assertThat(Semver.parse("1.2.3").updateTo(Semver.parse("2.0.0"))).isEqualTo(Semver.UpdateType.MAJOR);
        assertThat(Semver.parse("1.2.3").updateTo(Semver.parse("1.3.0"))).isEqualTo(Semver.UpdateType.MINOR);
        assertThat(Semver.parse("1.2.3").updateTo(Semver.parse("1.2.4"))).isEqualTo(Semver.UpdateType.PATCH);
    }

    @Test
    void anOlderOrEqualVersionIsNoUpdate() {
        assertThatThrownBy(() -> Semver.parse("1.2.3").updateTo(Semver.parse("1.2.3")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "01.0.0", "1.0.0-beta", "v1.0.0", "1.0.0 ", "1..0", "1234567.0.0", ""})
    void refusesWhatIsNotMajorMinorPatch(String text) {
        assertThat(Semver.isValid(text)).isFalse();
        assertThatThrownBy(() -> Semver.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
