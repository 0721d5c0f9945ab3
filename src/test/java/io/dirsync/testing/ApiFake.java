package io.dirsync.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every fake of a remote API shares (Graph, Google's Directory API, Okta, OneLogin): a JDK {@code HttpServer} on
 * loopback answering JSON, each request recorded with the status it got, scripted {@link Faults} ("the next 2 answer
 * 429 with Retry-After", "page 2 answers 500 every time"), and the most requests it answered at once. A fake says
 * what its API answers ({@link #answer}, which takes its faults where its API would fail), and how its API says that
 * the fake itself broke ({@link #broken}).
 */
public abstract class ApiFake implements AutoCloseable {

    /** One request as received, and the status it got; query keys starting with {@code #} are the fake's notes. */
    public record Request(String method, String path, Map<String, String> query, Instant at, int status) {
    }

    /** An answer: its status, its JSON body, and its headers (one header may have several values). */
    public record Answer(int status, String body, Map<String, List<String>> headers) {

        public Answer(int status, String body) {
            this(status, body, Map.of());
        }

        /** The same answer with one more value of {@code header}; unchanged for a null value. */
        public Answer with(String header, String value) {
            if (value == null) {
                return this;
            }
            Map<String, List<String>> more = new LinkedHashMap<>(headers);
            List<String> values = new ArrayList<>(more.getOrDefault(header, List.of()));
            values.add(value);
            more.put(header, List.copyOf(values));
            return new Answer(status, body, Map.copyOf(more));
        }

        /** The same answer with these headers' values added. */
        public Answer with(Map<String, String> added) {
            Answer answer = this;
            for (Map.Entry<String, String> header : added.entrySet()) {
                answer = answer.with(header.getKey(), header.getValue());
            }
            return answer;
        }
    }

    /** Scripted faults: each answers {@code times} matching requests (-1: every one) as it says, until cleared. */
    public static final class Faults {

        private static final class Fault {
            final Predicate<Request> matches;
            final Supplier<Answer> answer;
            int times;

            Fault(Predicate<Request> matches, int times, Supplier<Answer> answer) {
                this.matches = matches;
                this.times = times;
                this.answer = answer;
            }
        }

        private final List<Fault> faults = new CopyOnWriteArrayList<>();

        public void add(Predicate<Request> matches, int times, Supplier<Answer> answer) {
            faults.add(new Fault(matches, times, answer));
        }

        /** The answer of the first fault that has this request left to answer. */
        public Optional<Answer> take(Request request) {
            for (Fault fault : faults) {
                synchronized (fault) {
                    if (fault.times != 0 && fault.matches.test(request)) {
                        if (fault.times > 0) {
                            fault.times--;
                        }
                        return Optional.of(fault.answer.get());
                    }
                }
            }
            return Optional.empty();
        }

        public void clear() {
            faults.clear();
        }
    }

    /** The faults of the fake's API; a fake may keep more (of its pages, say), cleared with these. */
    protected final Faults faults = new Faults();
    private final List<Faults> allFaults = new CopyOnWriteArrayList<>(List.of(faults));
    private final HttpServer server;
    private final ExecutorService executor;
    private final String contentType;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    /**
     * Listening at once, on a free loopback port.
     *
     * @param contentType the {@code Content-Type} of every answer
     * @param threads     how many requests it answers at a time
     */
    protected ApiFake(String contentType, int threads) {
        this.contentType = contentType;
        this.executor = threads <= 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** What the API answers {@code request}; its faults are {@link #faults}' to take where the API would fail. */
    protected abstract Answer answer(HttpExchange exchange, Request request) throws IOException;

    /** The API's 500 for a request that broke the fake. */
    protected abstract Answer broken(RuntimeException failure);

    /** Headers every answer carries (an announced rate limit, say), for the answer about to be sent. */
    protected Map<String, String> everyAnswer(Answer answer) {
        return Map.of();
    }

    /** More faults, cleared with the others by {@link #clearFaults}. */
    protected final Faults moreFaults() {
        Faults more = new Faults();
        allFaults.add(more);
        return more;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of exactly this path. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The most requests the fake was answering at the same time. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    public void clearFaults() {
        allFaults.forEach(Faults::clear);
    }

    @Override
    public void close() {
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Request received = new Request(exchange.getRequestMethod(), path, query, Instant.now(), 0);
            Answer answer;
            try {
                answer = answer(exchange, received);
            } catch (RuntimeException e) {
                answer = broken(e);
            }
            Map<String, String> recorded = new LinkedHashMap<>(query);
            recorded.keySet().removeIf(key -> key.startsWith("#"));
            requests.add(new Request(received.method(), path, recorded, received.at(), answer.status()));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            everyAnswer(answer).forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            answer.headers().forEach((name, values) -> {
                exchange.getResponseHeaders().remove(name);
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            });
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    /** A query string's (or a form's) values, decoded, in order. */
    public static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
