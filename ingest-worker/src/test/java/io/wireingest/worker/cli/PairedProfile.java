package io.wireingest.worker.cli;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: compares the core pipeline's CPU cost of two builds in one JVM, for a change too small to see across
 * separate runs on a shared, noisy machine (see docs/BENCHMARKS.md, "Core pipeline"). Each build (a folder holding
 * its {@code ingest-worker.jar} and {@code test-classes}) gets a class loader of its own; rounds of {@link
 * PairedRound} alternate between them (A B, then B A), so both see the same seconds of the machine. Prints each
 * round's items/s and, over the second half of the rounds, the median of the paired ratios of B's thread CPU time to
 * A's with its quartiles, and each build's median ms per item and per stage. A build from before this class existed
 * runs the copy of {@link PairedRound} found next to this class.
 *
 * <pre>
 * # for each of the two commits, A (before) then B (after):
 * mvn -q -B -DskipTests package &amp;&amp; mvn -q -B -pl ingest-worker -am test-compile
 * mkdir -p /tmp/A &amp;&amp; cp -r ingest-worker/target/ingest-worker.jar ingest-worker/target/test-classes /tmp/A/
 * # then, from either checkout:
 * java -cp ingest-worker/target/test-classes io.wireingest.worker.cli.PairedProfile /tmp/A /tmp/B 60
 * </pre>
 */
public final class PairedProfile {
    private PairedProfile() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PairedProfile BUILD_A BUILD_B [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        URL own = PairedProfile.class.getProtectionDomain().getCodeSource().getLocation();
        Method[] round = new Method[2];
        String[] names = null;
        int items = 0;
        for (int b = 0; b < 2; b++) {
            Path dir = Path.of(args[b]);
            URL[] urls = {
                dir.resolve("ingest-worker.jar").toUri().toURL(),
                dir.resolve("test-classes/").toUri().toURL(),
                own
            };
            ClassLoader loader =
                    new URLClassLoader("build-" + (char) ('A' + b), urls, ClassLoader.getPlatformClassLoader());
            Class<?> driver = Class.forName(PairedRound.class.getName(), true, loader);
            Thread.currentThread().setContextClassLoader(loader);
            driver.getMethod("init").invoke(null);
            round[b] = driver.getMethod("round");
            names = (String[]) driver.getMethod("names").invoke(null);
            items = (int) driver.getMethod("items").invoke(null);
        }
        List<List<long[]>> kept = List.of(new ArrayList<>(), new ArrayList<>());
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long[][] pair = new long[2][];
            int first = r % 2;
            pair[first] = (long[]) round[first].invoke(null);
            pair[1 - first] = (long[]) round[1 - first].invoke(null);
            System.out.printf(
                    "round %d: A %.1f, B %.1f items/s of thread CPU%n",
                    r, items / (pair[0][0] / 1e9), items / (pair[1][0] / 1e9));
            if (r >= rounds / 2) {
                kept.get(0).add(pair[0]);
                kept.get(1).add(pair[1]);
                ratios.add((double) pair[1][0] / pair[0][0]);
            }
        }
        Collections.sort(ratios);
        int n = ratios.size();
        System.out.printf(
                "B/A thread CPU per item, median of the last %d paired rounds: %.3f (quartiles %.3f-%.3f)%n",
                n, ratios.get(n / 2), ratios.get(n / 4), ratios.get(3 * n / 4));
        for (int b = 0; b < 2; b++) {
            StringBuilder line = new StringBuilder(b == 0 ? "A:" : "B:");
            for (int k = 0; k < names.length; k++) {
                int figure = k;
                double median = kept.get(b).stream()
                        .mapToDouble(x -> x[figure])
                        .sorted()
                        .toArray()[kept.get(b).size() / 2];
                line.append(String.format(" %s %.3f ms", names[k], median / 1e6 / items));
            }
            System.out.println(line);
        }
    }
}
