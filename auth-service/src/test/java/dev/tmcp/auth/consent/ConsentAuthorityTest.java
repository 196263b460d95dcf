package dev.tmcp.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.auth.consent.ConsentAuthority.Verdict;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.core.id.UserId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentAuthorityTest {

    private static final String ALICE = "@alice:tween.example";
    private static final Set<String> FIRST_PARTY = Set.of("tmcp-cli");

    private static SubjectIdentity homeserver(String user) {
        return new SubjectIdentity(UserId.of(user), SubjectIdentity.MATRIX_SESSION, "DEV1", null, null, null, null);
    }

    private static SubjectIdentity keycloak(String user, String issuedTo) {
        return new SubjectIdentity(UserId.of(user), SubjectIdentity.KEYCLOAK, null, "sid", "kc-1", issuedTo, null);
    }

    @Test
    void theUsersHomeserverTokenMayDecide() {
        assertThat(ConsentAuthority.judge(homeserver(ALICE), FIRST_PARTY, ALICE)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aKeycloakTokenOfAFirstPartyClientMayDecide() {
        assertThat(ConsentAuthority.judge(keycloak(ALICE, "tmcp-cli"), FIRST_PARTY, ALICE)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void theMiniAppsOwnKeycloakTokenMayNotDecide() {
        assertThat(ConsentAuthority.judge(keycloak(ALICE, "ma_shop"), FIRST_PARTY, ALICE))
                .isEqualTo(Verdict.NOT_THE_HOST_CLIENT);
    }

    @Test
    void aKeycloakTokenWithoutAClientMayNotDecide() {
        assertThat(ConsentAuthority.judge(keycloak(ALICE, null), FIRST_PARTY, ALICE)).isEqualTo(Verdict.NOT_THE_HOST_CLIENT);
    }

    @Test
    void anotherUsersHostClientMayNotDecide() {
        assertThat(ConsentAuthority.judge(homeserver("@mallory:tween.example"), FIRST_PARTY, ALICE))
                .isEqualTo(Verdict.ANOTHER_USER);
    }

    @Test
    void tokensTheSuiteIssuedAreNeverTheUsersOwn() {
        assertThat(ConsentAuthority.isSuiteToken("tep.eyJ")).isTrue();
        assertThat(ConsentAuthority.isSuiteToken("cli.eyJ")).isTrue();
        assertThat(ConsentAuthority.isSuiteToken("dev.eyJ")).isTrue();
        assertThat(ConsentAuthority.isSuiteToken("svc.eyJ")).isTrue();
        assertThat(ConsentAuthority.isSuiteToken("syt_YWxpY2U_abc")).isFalse();
    }
}
