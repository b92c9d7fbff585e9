package dev.gauntlet.report.ci;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.text.Display;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes scored runs as JUnit XML, the format every CI shows: one {@code <testsuite>} per result
 * (named after its scenario), one {@code <testcase>} per check.
 *
 * <pre>{@code
 * JunitWriter.write(runDir.file(RunDirectory.JUNIT), List.of(runDir.result()));
 * }</pre>
 *
 * <ul>
 *   <li>fail → {@code <failure type="fail" message="measured X, expected Y">} with the reason as text;</li>
 *   <li>unknown → also a {@code <failure type="unknown">} whose message is the reason, and a testcase
 *       property {@code verdict=unknown}: a gate that could not decide must not pass silently;</li>
 *   <li>a result with no checks gets one testcase {@code verdict} carrying the run's verdict, so an
 *       aborted or unscored run never shows as an empty green suite.</li>
 * </ul>
 * Counts ({@code tests}, {@code failures}, {@code errors=0}, {@code skipped=0}) are set on every suite
 * and on {@code <testsuites>}. Written through the JDK's DOM, so the XML is always well-formed.
 */
public final class JunitWriter {

    private JunitWriter() {
    }

    public static void write(Path file, List<Result> results) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suites = doc.createElement("testsuites");
            suites.setAttribute("name", "gauntlet");
            doc.appendChild(suites);
            int tests = 0;
            int failures = 0;
            for (Result r : results) {
                Element suite = suite(doc, r);
                suites.appendChild(suite);
                tests += Integer.parseInt(suite.getAttribute("tests"));
                failures += Integer.parseInt(suite.getAttribute("failures"));
            }
            suites.setAttribute("tests", Integer.toString(tests));
            suites.setAttribute("failures", Integer.toString(failures));
            suites.setAttribute("errors", "0");
            suites.setAttribute("skipped", "0");

            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (var out = Files.newOutputStream(file)) {
                transformer.transform(new DOMSource(doc), new StreamResult(out));
            }
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot build JUnit XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Element suite(Document doc, Result r) {
        Element suite = doc.createElement("testsuite");
        String scenario = Display.text(r.scenario());
        suite.setAttribute("name", scenario);
        Element props = doc.createElement("properties");
        property(doc, props, "run_id", r.runId());
        property(doc, props, "verdict", Display.verdict(r.verdict()));
        property(doc, props, "score", Display.score(r.score()));
        suite.appendChild(props);

        List<CheckResult> checks = r.checks().isEmpty()
                ? List.of(new CheckResult("verdict", r.verdict(), Display.verdict(r.verdict()), Result.PASS,
                        "the run has no checks; this testcase carries the run's verdict"))
                : r.checks();
        int failures = 0;
        for (CheckResult c : checks) {
            Element tc = doc.createElement("testcase");
            tc.setAttribute("name", Display.text(c.name()));
            tc.setAttribute("classname", "gauntlet." + scenario);
            tc.setAttribute("time", "0");
            String verdict = Display.verdict(c.verdict());
            if (!Result.PASS.equals(verdict)) {
                failures++;
                Element failure = doc.createElement("failure");
                if (Result.FAIL.equals(verdict)) {
                    failure.setAttribute("type", "fail");
                    failure.setAttribute("message", "measured " + Display.text(c.measured())
                            + ", expected " + Display.text(c.expected()));
                    failure.setTextContent(c.reason() == null ? "" : c.reason());
                } else {
                    failure.setAttribute("type", "unknown");
                    failure.setAttribute("message", "unknown: " + Display.text(c.reason()));
                    failure.setTextContent("could not be decided (measured " + Display.text(c.measured())
                            + ", expected " + Display.text(c.expected()) + ")");
                    Element tcProps = doc.createElement("properties");
                    property(doc, tcProps, "verdict", Result.UNKNOWN);
                    tc.appendChild(tcProps);
                }
                tc.appendChild(failure);
            }
            suite.appendChild(tc);
        }
        suite.setAttribute("tests", Integer.toString(checks.size()));
        suite.setAttribute("failures", Integer.toString(failures));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", "0");
        return suite;
    }

    private static void property(Document doc, Element props, String name, String value) {
        Element p = doc.createElement("property");
        p.setAttribute("name", name);
        p.setAttribute("value", value == null ? "" : value);
        props.appendChild(p);
    }
}
