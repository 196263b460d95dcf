package dev.tmcp.appstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.TmcpException;
import org.junit.jupiter.api.Test;

/** The browse parameters of spec 16.6.1: defaults, limits, search, and no request text in the SQL. */
class StoreQueryTest {

    @Test
    void defaultsAreAllPopularTwentyFromTheStart() {
        assertThat(StoreQuery.of(null, null, null, null, null, null))
                .isEqualTo(new StoreQuery("all", "popular", null, null, 20, 0));
    }

    @Test
    void limitIsOneToAHundred() {
        assertThat(StoreQuery.of(null, null, null, null, "100", null).limit()).isEqualTo(100);
        assertThatThrownBy(() -> StoreQuery.of(null, null, null, null, "0", null)).isInstanceOf(TmcpException.class);
        assertThatThrownBy(() -> StoreQuery.of(null, null, null, null, "101", null)).isInstanceOf(TmcpException.class);
        assertThatThrownBy(() -> StoreQuery.of(null, null, null, null, "ten", null)).isInstanceOf(TmcpException.class);
    }

    @Test
    void offsetIsNotNegative() {
        assertThatThrownBy(() -> StoreQuery.of(null, null, null, null, null, "-1")).isInstanceOf(TmcpException.class);
    }

    @Test
    void unknownSortsAndClassificationsAreRefused() {
        assertThatThrownBy(() -> StoreQuery.of(null, "name; drop table mini_app", null, null, null, null))
                .isInstanceOf(TmcpException.class);
        assertThatThrownBy(() -> StoreQuery.of(null, null, "secret", null, null, null)).isInstanceOf(TmcpException.class);
    }

    @Test
    void eachSortOrdersByItsOwnColumns() {
        assertThat(StoreQuery.of(null, "recent", null, null, null, null).orderBy()).startsWith("coalesce(m.released_at");
        assertThat(StoreQuery.of(null, "name", null, null, null, null).orderBy()).startsWith("lower(m.name)");
        assertThat(StoreQuery.of(null, "popular", null, null, null, null).orderBy()).startsWith("coalesce(s.score, 0) desc");
        assertThat(StoreQuery.of(null, "rating", null, null, null, null).orderBy()).startsWith("(10 * 3.0 + m.rating_sum)");
    }

    @Test
    void searchWordsMatchInOrderWithWildcardsTakenLiterally() {
        assertThat(StoreQuery.of(null, null, null, "  coffee  shop ", null, null).searchPattern()).isEqualTo("%coffee%shop%");
        assertThat(StoreQuery.of(null, null, null, "100%_off\\", null, null).searchPattern()).isEqualTo("%100\\%\\_off\\\\%");
        assertThat(StoreQuery.of(null, null, null, " ", null, null).searchPattern()).isNull();
    }

    @Test
    void aSearchIsAtMostAHundredCharactersWithoutControlCharacters() {
        assertThatThrownBy(() -> StoreQuery.of(null, null, null, "x".repeat(101), null, null)).isInstanceOf(TmcpException.class);
        assertThatThrownBy(() -> StoreQuery.of(null, null, null, "a\u0000b", null, null)).isInstanceOf(TmcpException.class);
    }
}
