package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `helm lint --strict` of the library, every service chart and the umbrella (dependencies built). */
class ChartLintTest {

    static Stream<String> charts() {
        List<String> charts = new ArrayList<>(Charts.SERVICES);
        charts.add(Charts.LIBRARY);
        charts.add(Charts.UMBRELLA);
        return charts.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void lints(String chart) {
        LintResult result = new Helm(Charts.workCharts().resolve(chart)).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).as("lint messages").noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }
}
