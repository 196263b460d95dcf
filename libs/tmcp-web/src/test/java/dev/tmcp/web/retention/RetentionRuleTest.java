package dev.tmcp.web.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {

    @Test
    void aTableNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> RetentionRule.olderThan("outbox_event; drop table wallet", "published_at", Duration.ofDays(7)));
    }

    @Test
    void aRetentionOfZeroIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> RetentionRule.olderThan("outbox_event", "published_at", Duration.ZERO));
    }

    @Test
    void aRuleWithoutConditionIsNamedAfterItsTable() {
        assertThat(RetentionRule.olderThan("processed_event", "processed_at", Duration.ofDays(14)).name())
                .isEqualTo("processed_event");
    }
}
