package dev.gauntlet.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code truth-table <gate-dir>... [--out FILE]}: the measurement truth table of gate runs of
 * {@code scenarios/suites/truth.yaml} (one gate directory per gateway kind), as Markdown.
 *
 * <pre>{@code
 * ./run.sh gate scenarios/suites/truth.yaml --gateway haproxy --trials 5
 * ./run.sh truth-table runs/gates/20261204-170000-truth --out docs/gateways/truth-haproxy.md
 * }</pre>
 *
 * Exit 0 when every decided run fell inside its bound, 1 when one fell outside (a finding: the harness, the
 * adapter or the documented model is wrong), 2 bad usage.
 */
@Command(name = "truth-table", mixinStandardHelpOptions = true, description = "Detection/recovery spread and bound hits of truth-suite gate runs, as Markdown.")
final class TruthTableCommand implements Callable<Integer> {

    @Parameters(paramLabel = "GATE_DIR", arity = "1..*", description = "gate directories (runs/gates/<stamp>-truth)")
    List<Path> gateDirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table to FILE")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<TruthTable.Row> rows = TruthTable.rows(gateDirs);
        String table = TruthTable.markdown(rows);
        System.out.print(table);
        if (out != null) {
            Files.writeString(out, table);
            System.out.println("table: " + out);
        }
        boolean outside = rows.stream().anyMatch(r -> r.detectionOutside() > 0 || r.recoveryOutside() > 0);
        return outside ? GauntletMain.EXIT_FAIL : GauntletMain.EXIT_PASS;
    }
}
