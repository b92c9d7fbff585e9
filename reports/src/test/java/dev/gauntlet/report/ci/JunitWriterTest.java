package dev.gauntlet.report.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class JunitWriterTest {

    @TempDir
    Path tmp;

    private Document writeAndParse(List<Result> results) throws Exception {
        Path file = tmp.resolve("out/junit.xml");
        JunitWriter.write(file, results);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String xp(Document doc, String expr) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        return (String) xpath.evaluate(expr, doc, XPathConstants.STRING);
    }

    @Test
    void oneSuitePerResultOneTestcasePerCheckWithCorrectCounts() throws Exception {
        Result passing = new Result("all-good", "r2", Result.PASS, 100.0, "f",
                List.of(new CheckResult("availability", Result.PASS, "100.00%", ">= 99.0%", null)), null, List.of());

        Document doc = writeAndParse(List.of(RunFixture.result(), passing));

        assertThat(xp(doc, "count(/testsuites/testsuite)")).as("two suites").isEqualTo("2");
        assertThat(xp(doc, "/testsuites/@tests")).as("total tests").isEqualTo("5");
        assertThat(xp(doc, "/testsuites/@failures")).as("2 fail + 1 unknown").isEqualTo("3");
        assertThat(xp(doc, "/testsuites/testsuite[1]/@name")).as("suite named after scenario")
                .isEqualTo("one-of-three-crashes");
        assertThat(xp(doc, "/testsuites/testsuite[1]/@tests")).as("suite 1 tests").isEqualTo("4");
        assertThat(xp(doc, "count(/testsuites/testsuite[1]/testcase)")).as("testcase elements").isEqualTo("4");
        assertThat(xp(doc, "/testsuites/testsuite[1]/@failures")).as("suite 1 failures").isEqualTo("3");
        assertThat(xp(doc, "/testsuites/testsuite[1]/@errors")).as("no errors").isEqualTo("0");
        assertThat(xp(doc, "/testsuites/testsuite[2]/@failures")).as("suite 2 passes").isEqualTo("0");
        assertThat(xp(doc, "count(/testsuites/testsuite[2]/testcase/failure)")).as("no failure elements").isEqualTo("0");
    }

    @Test
    void failedCheckHasAFailureSayingMeasuredAndExpected() throws Exception {
        Document doc = writeAndParse(List.of(RunFixture.result()));

        String tc = "/testsuites/testsuite/testcase[@name='avoidable_nhu']";
        assertThat(xp(doc, tc + "/failure/@message")).as("failure message")
                .isEqualTo("measured 2000 ms, expected 0s");
        assertThat(xp(doc, tc + "/failure/@type")).as("failure type").isEqualTo("fail");
        assertThat(xp(doc, tc + "/failure")).as("reason as text").contains("api-1, api-2 were up");
        assertThat(xp(doc, "count(/testsuites/testsuite/testcase[@name='detection_time']/failure)"))
                .as("a passing check has no failure").isEqualTo("0");
    }

    @Test
    void unknownCheckIsAFailureWithItsReasonAndAVerdictProperty() throws Exception {
        Document doc = writeAndParse(List.of(RunFixture.result()));

        String tc = "/testsuites/testsuite/testcase[@name='availability']";
        assertThat(xp(doc, tc + "/failure/@type")).as("type unknown").isEqualTo("unknown");
        assertThat(xp(doc, tc + "/failure/@message")).as("reason").isEqualTo("unknown: no view was observed");
        assertThat(xp(doc, tc + "/properties/property[@name='verdict']/@value")).as("verdict property")
                .isEqualTo("unknown");
    }

    @Test
    void aResultWithoutChecksCarriesItsVerdictInOneTestcase() throws Exception {
        Result aborted = new Result("crashy", "r3", Result.UNKNOWN, null, null, List.of(), null, List.of());

        Document doc = writeAndParse(List.of(aborted));

        assertThat(xp(doc, "/testsuites/testsuite/@tests")).as("one synthetic test").isEqualTo("1");
        assertThat(xp(doc, "/testsuites/testsuite/testcase/@name")).as("named verdict").isEqualTo("verdict");
        assertThat(xp(doc, "/testsuites/testsuite/@failures")).as("unknown run is not green").isEqualTo("1");
    }

    @Test
    void markupInNamesAndReasonsStaysWellFormed() throws Exception {
        Result r = new Result("a<b>&\"c\"", "r4", Result.FAIL, null, null,
                List.of(new CheckResult("p99 < 250ms & more", Result.FAIL, "1 s", "< \"250ms\"", "]]> <oops>")),
                null, List.of());

        Document doc = writeAndParse(List.of(r));

        assertThat(xp(doc, "/testsuites/testsuite/@name")).as("suite name round-trips").isEqualTo("a<b>&\"c\"");
        assertThat(xp(doc, "/testsuites/testsuite/testcase/@name")).as("testcase name round-trips")
                .isEqualTo("p99 < 250ms & more");
        assertThat(xp(doc, "/testsuites/testsuite/testcase/failure")).as("reason round-trips").isEqualTo("]]> <oops>");
    }

    @Test
    void noResultsGiveAnEmptyButValidReport() throws Exception {
        Document doc = writeAndParse(List.of());

        assertThat(xp(doc, "/testsuites/@tests")).as("zero tests").isEqualTo("0");
        assertThat(xp(doc, "/testsuites/@failures")).as("zero failures").isEqualTo("0");
    }
}
