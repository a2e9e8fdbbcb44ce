import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Sequential {@code GET /attachments/{gid}} in one JVM: Attaché's client ({@code getAttachment(gid)
 * .join()}, which parses into {@code Attachment}) against bare {@code java.net.http}
 * ({@code HttpClient.send}, same headers, then Jackson {@code readTree} of the body and a read of
 * {@code data.gid}). A third contender, bare {@code HttpClient.sendAsync(..).join()} with the same
 * parsing, separates what the JDK's asynchronous path costs from what the client adds; a fourth,
 * bare {@code send} handed to a worker thread and joined, shows the price of the hand-offs the
 * client makes (it sends every exchange on a worker of its own); a fifth, bare {@code send} on an
 * {@code HttpClient} whose executor runs its tasks where they are handed over, shows what skipping
 * the JDK's own hand-off to its pool would buy (the client does not: the JDK supports that only for
 * an executor like {@code r -> r.run()}, and nothing that can block may then run on its selector). All
 * run on an {@code HttpClient} built the same way (connect timeout 10 s, no redirects, 60 s
 * request timeout); the bare ones use the JDK's default executor unless said otherwise. After five warm-up blocks of each, blocks alternate, the order rotating every round.
 * Prints every block's wall-clock milliseconds and the CPU this JVM used in it (all threads, so
 * the server's share of the machine is left out), then the medians and how many threads each
 * contender started. The client is built with its default settings apart from the base URI.
 *
 * <p>{@code java GetLoop API_BASE TOKEN ATTACHMENT_GID ROUNDS CALLS_PER_BLOCK}
 */
final class GetLoop {

    private GetLoop() {
    }

    interface Call {
        String get() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String gid = args[2];
        int rounds = Integer.parseInt(args[3]);
        int calls = Integer.parseInt(args[4]);

        AttachmentsApi api = AttachmentsApi.builder().baseUri(URI.create(base)).token(token).build();
        AttachmentGid attachment = AttachmentGid.of(gid);
        Call client = () -> api.getAttachment(attachment).join().gid().value();

        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Not an ExecutorService: the JDK runs response delivery on its selector thread only for an
        // executor like r -> r.run().
        Executor onSelectorThread = Runnable::run;
        HttpClient inlineHttp = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(onSelectorThread)
                .build();
        ObjectMapper mapper = new ObjectMapper();
        URI uri = URI.create(base + "/attachments/" + gid);
        Supplier<HttpRequest> request = () -> HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        Call bare = () -> gidOf(mapper, http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray()));
        Call bareInline = () -> gidOf(mapper,
                inlineHttp.send(request.get(), HttpResponse.BodyHandlers.ofByteArray()));
        Call bareAsync = () -> gidOf(mapper,
                http.sendAsync(request.get(), HttpResponse.BodyHandlers.ofByteArray()).join());
        // What the client does, without the client: the same send, handed to a worker thread and joined.
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        Call bareOnWorker = () -> CompletableFuture.supplyAsync(() -> {
            try {
                return gidOf(mapper, http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, workers).join();

        List<String> names = List.of("client", "bare send", "bare sendAsync", "send on worker", "send, inline exec");
        List<Call> contenders = List.of(client, bare, bareAsync, bareOnWorker, bareInline);
        for (int i = 0; i < contenders.size(); i++) {
            check(contenders.get(i), gid, names.get(i));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("availableProcessors %d, common pool parallelism %d, CompletableFuture default executor %s%n",
                Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism(),
                new CompletableFuture<Void>().defaultExecutor().getClass().getName());
        // Five warm-up blocks each, so every path is compiled before it is timed, even on a busy machine.
        for (int w = 1; w <= 5; w++) {
            for (int i = 0; i < contenders.size(); i++) {
                long started = threads.getTotalStartedThreadCount();
                double ms = block(contenders.get(i), calls);
                System.out.printf("warm-up %d %-17s %8.1f ms per %d calls, %d threads started%n",
                        w, names.get(i), ms, calls, threads.getTotalStartedThreadCount() - started);
            }
        }

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<List<Double>> times = new ArrayList<>();
        List<List<Double>> cpu = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            times.add(new ArrayList<>());
            cpu.add(new ArrayList<>());
        }
        long[] threadsStarted = new long[contenders.size()];
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int k = 0; k < contenders.size(); k++) {
                int i = (round - 1 + k) % contenders.size();
                long cpuBefore = os.getProcessCpuTime();
                long threadsBefore = threads.getTotalStartedThreadCount();
                double ms = block(contenders.get(i), calls);
                double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
                threadsStarted[i] += threads.getTotalStartedThreadCount() - threadsBefore;
                times.get(i).add(ms);
                cpu.get(i).add(cpuMs);
                line.append(String.format("  %s %.1f ms (cpu %.0f)", names.get(i), ms, cpuMs));
            }
            System.out.println(line);
        }
        double[] medians = new double[contenders.size()];
        for (int i = 0; i < contenders.size(); i++) {
            medians[i] = median(times.get(i));
            double cpuMedian = median(cpu.get(i));
            System.out.printf("%-17s median %8.1f ms per %d calls (%6.1f us/call), JVM cpu median %6.1f ms, "
                    + "%d threads started in %d calls%n",
                    names.get(i), medians[i], calls, medians[i] * 1000 / calls, cpuMedian, threadsStarted[i],
                    (long) rounds * calls);
        }
        api.close();
        System.out.printf("ratio client/bare send:      %.3f%n", medians[0] / medians[1]);
        System.out.printf("ratio client/bare sendAsync: %.3f%n", medians[0] / medians[2]);
        System.out.printf("ratio send on worker/bare send: %.3f%n", medians[3] / medians[1]);
        System.out.printf("ratio bare send inline exec/bare send: %.3f%n", medians[4] / medians[1]);
        System.out.printf("ratio client/bare send inline exec: %.3f%n", medians[0] / medians[4]);
        double[] cpuMedians = new double[contenders.size()];
        for (int i = 0; i < contenders.size(); i++) {
            cpuMedians[i] = median(cpu.get(i));
        }
        System.out.printf("cpu ratio client/bare send: %.3f, send on worker/bare send: %.3f, "
                + "client/bare send inline exec: %.3f%n",
                cpuMedians[0] / cpuMedians[1], cpuMedians[3] / cpuMedians[1], cpuMedians[0] / cpuMedians[4]);
    }

    private static String gidOf(ObjectMapper mapper, HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(response.request().uri() + " -> " + response.statusCode());
        }
        JsonNode root = mapper.readTree(response.body());
        return root.get("data").get("gid").asText();
    }

    private static void check(Call call, String gid, String name) throws Exception {
        String got = call.get();
        if (!gid.equals(got)) {
            throw new IllegalStateException(name + " returned gid " + got + ", expected " + gid);
        }
    }

    private static double block(Call call, int calls) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.get();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
