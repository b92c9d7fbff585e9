package dev.gauntlet.gateway.proxy;

import dev.gauntlet.gateway.config.ClusterConfig;
import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Endpoint;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * One client request on its way upstream: picks an endpoint, tries it, retries elsewhere when the
 * policy allows, and either streams the chosen answer back or answers itself with a flag. Everything
 * runs on the exchange's I/O thread (connections are opened on it too), so no field needs a lock.
 *
 * <pre>
 *  start ─► pick ─► connect ─► send ─► headers ─► stream body ─► done
 *             │ none: UH  │fail      │reset  │5xx+retryable
 *             ▼           ▼          ▼       ▼
 *          503 UH      retry? ── yes: backoff ─► pick (never an endpoint already tried)
 *                         └─ no: 503 UF / 504 UT / 5xx URX
 * </pre>
 */
final class UpstreamExchange {
    private final HttpServerExchange exchange;
    private final Cluster cluster;
    private final ClusterConfig config;
    private final byte[] body;
    private final boolean idempotent;
    private final ProxyObserver observer;
    private final XnioIoThread io;
    private final List<Endpoint> tried = new ArrayList<>(2);
    private Attempt current;
    private boolean finished;
    private int retriesUsed;
    private int failStatus = 503;
    private String failFlag = Flags.UF;
    private String failText = "upstream connect error or disconnect/reset before headers";
    private XnioExecutor.Key overallTimer;
    Endpoint served;

    UpstreamExchange(HttpServerExchange exchange, Cluster cluster, byte[] body, boolean idempotent,
                     ProxyObserver observer) {
        this.exchange = exchange;
        this.cluster = cluster;
        this.config = cluster.config();
        this.body = body;
        this.idempotent = idempotent;
        this.observer = observer;
        this.io = exchange.getIoThread();
    }

    int attempts() {
        return tried.size();
    }

    void start() {
        overallTimer = io.executeAfter(this::overallTimeout, config.upstreamTimeout().toMillis(), TimeUnit.MILLISECONDS);
        exchange.addExchangeCompleteListener((ex, next) -> {
            finished = true;
            overallTimer.remove();
            if (current != null) {
                current.abort(null); // the client left: no verdict on the endpoint
            }
            next.proceed();
        });
        tryNext();
    }

    private void tryNext() {
        if (finished) {
            return;
        }
        Endpoint ep = cluster.pick(tried::contains);
        if (ep == null) {
            if (tried.isEmpty()) {
                respond(503, Flags.UH, "no healthy upstream");
            } else {
                respond(failStatus, failFlag, failText);
            }
            return;
        }
        tried.add(ep);
        current = new Attempt(ep, tried.size() > 1);
        current.begin();
    }

    private boolean mayRetry() {
        return idempotent && !finished && RetryPolicy.allows(config.retry(), config.circuitBreakers(), retriesUsed,
                cluster.activeRetries.get(), cluster.activeRequests.get());
    }

    private void retry() {
        retriesUsed++;
        long wait = RetryPolicy.backoff(config.retry(), retriesUsed, ThreadLocalRandom.current()).toNanos();
        current = null;
        if (wait < 1_000_000L) {
            tryNext();
        } else {
            io.executeAfter(this::tryNext, wait / 1_000_000L, TimeUnit.MILLISECONDS);
        }
    }

    /** The whole-request deadline; once an answer is being streamed back it no longer applies. */
    private void overallTimeout() {
        if (finished) {
            return;
        }
        if (current != null) {
            current.abort(AttemptResult.TIMEOUT);
        }
        respond(504, Flags.UT, "upstream request timeout");
    }

    private void respond(int status, String flag, String text) {
        if (finished) {
            return;
        }
        finished = true;
        current = null;
        overallTimer.remove();
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        GatewayProxyHandler.local(exchange, status, flag, text);
    }

    /** One try against one endpoint. */
    private final class Attempt implements ConnectionPool.Callback {
        private final Endpoint ep;
        private final boolean isRetry;
        private final ConnectionPool pool;
        private ClientConnection connection;
        private boolean reused;
        private boolean freshTried;
        private boolean dead;
        private boolean ended;
        private boolean pending;
        boolean forwarding;
        private XnioExecutor.Key connectTimer;
        private XnioExecutor.Key tryTimer;

        Attempt(Endpoint ep, boolean isRetry) {
            this.ep = ep;
            this.isRetry = isRetry;
            this.pool = (ConnectionPool) ep.attachment();
        }

        void begin() {
            ep.active.incrementAndGet();
            ep.attempts.incrementAndGet();
            if (isRetry) {
                cluster.activeRetries.incrementAndGet();
            }
            long perTry = config.retry().perTryTimeout().toMillis();
            if (perTry > 0) {
                tryTimer = io.executeAfter(() -> fail(AttemptResult.TIMEOUT), perTry, TimeUnit.MILLISECONDS);
            }
            acquire(false);
        }

        private void acquire(boolean fresh) {
            if (cluster.pendingRequests.incrementAndGet() > config.circuitBreakers().maxPendingRequests()) {
                cluster.pendingRequests.decrementAndGet();
                overflow();
                return;
            }
            pending = true;
            if (fresh) {
                pool.connect(io, this);
            } else {
                pool.acquire(io, this);
            }
            // An idle pooled connection answers synchronously; only a real connect needs the timer.
            if (pending && !dead) {
                connectTimer = io.executeAfter(() -> fail(AttemptResult.CONNECT_FAILURE),
                        config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void notPending() {
            if (pending) {
                pending = false;
                cluster.pendingRequests.decrementAndGet();
            }
            if (connectTimer != null) {
                connectTimer.remove();
                connectTimer = null;
            }
        }

        @Override
        public void connected(ClientConnection c, boolean wasReused) {
            if (dead) {
                if (wasReused) {
                    pool.release(io, c);
                } else {
                    IoUtils.safeClose(c);
                }
                return;
            }
            notPending();
            connection = c;
            reused = wasReused;
            send();
        }

        @Override
        public void failed(IOException e) {
            if (dead) {
                return;
            }
            notPending();
            if (e instanceof ConnectionPool.OverflowException) {
                overflow();
                return;
            }
            fail(AttemptResult.CONNECT_FAILURE);
        }

        private void overflow() {
            dead = true;
            end(null, 0);
            respond(503, Flags.UO, "upstream overflow");
        }

        private void send() {
            ClientRequest request = GatewayProxyHandler.upstreamRequest(exchange, body.length);
            connection.sendRequest(request, new ClientCallback<>() {
                @Override
                public void completed(ClientExchange ce) {
                    if (dead) {
                        IoUtils.safeClose(ce.getConnection());
                        return;
                    }
                    ce.setResponseListener(new ClientCallback<>() {
                        @Override
                        public void completed(ClientExchange result) {
                            onResponse(result);
                        }

                        @Override
                        public void failed(IOException e) {
                            onReset();
                        }
                    });
                    ResponseRelay.writeBody(ce.getRequestChannel(), body, () -> onReset());
                }

                @Override
                public void failed(IOException e) {
                    onReset();
                }
            });
        }

        private void onReset() {
            if (dead || forwarding) {
                return;
            }
            if (reused && !freshTried) {
                // A pooled connection the endpoint had already closed says nothing about the endpoint:
                // try once more on a new connection to the same endpoint, not counted as a retry.
                freshTried = true;
                IoUtils.safeClose(connection);
                connection = null;
                acquire(true);
                return;
            }
            fail(AttemptResult.RESET);
        }

        private void onResponse(ClientExchange ce) {
            if (dead) {
                IoUtils.safeClose(ce.getConnection());
                return;
            }
            int status = ce.getResponse().getResponseCode();
            boolean is5xx = status >= 500 && status <= 599;
            if (config.retry().onStatus(status) && mayRetry()) {
                dead = true;
                IoUtils.safeClose(ce.getConnection());
                end(AttemptResult.STATUS_5XX, status);
                // If no other endpoint is left to try, this is what the client will be told.
                failStatus = status;
                failFlag = Flags.URX;
                failText = "upstream answered " + status + "; no endpoint left to retry on";
                retry();
                return;
            }
            forwarding = true;
            if (tryTimer != null) {
                tryTimer.remove();
            }
            served = ep;
            overallTimer.remove();
            if (is5xx) {
                ep.failures.incrementAndGet();
            }
            observer.attemptEnded(cluster, ep, is5xx ? AttemptResult.STATUS_5XX : AttemptResult.SUCCESS, status);
            String flag = is5xx && retriesUsed > 0 && config.retry().onStatus(status) ? Flags.URX : null;
            exchange.setStatusCode(status);
            GatewayProxyHandler.copyResponseHeaders(ce.getResponse().getResponseHeaders(), exchange.getResponseHeaders());
            if (flag != null) {
                exchange.getResponseHeaders().put(Flags.HEADER, flag);
            }
            finished = true;
            ClientConnection conn = ce.getConnection();
            ResponseRelay.stream(ce, exchange, () -> {
                end(null, status);
                pool.release(io, conn);
            }, () -> {
                end(null, status);
                IoUtils.safeClose(conn);
                IoUtils.safeClose(exchange.getConnection());
            });
        }

        /** The try failed: record it, then retry elsewhere or answer with the failure's flag. */
        private void fail(AttemptResult why) {
            if (dead || forwarding) {
                return;
            }
            dead = true;
            notPending();
            IoUtils.safeClose(connection);
            end(why, 0);
            if (why == AttemptResult.TIMEOUT) {
                failStatus = 504;
                failFlag = Flags.UT;
                failText = "upstream request timeout";
            } else {
                failStatus = 503;
                failFlag = Flags.UF;
                failText = "upstream connect error or disconnect/reset before headers";
            }
            var r = config.retry();
            boolean retryable = why == AttemptResult.CONNECT_FAILURE ? r.onConnectFailure() : r.onReset();
            if (retryable && mayRetry()) {
                retry();
            } else {
                respond(failStatus, failFlag, failText);
            }
        }

        /** Aborts from outside (overall timeout, client gone). */
        void abort(AttemptResult why) {
            if (ended) {
                return;
            }
            dead = true;
            notPending();
            IoUtils.safeClose(connection);
            end(forwarding ? null : why, 0);
        }

        /** Releases the counters once; reports the result to the observer unless already reported. */
        private void end(AttemptResult result, int status) {
            if (ended) {
                return;
            }
            ended = true;
            if (tryTimer != null) {
                tryTimer.remove();
            }
            ep.active.decrementAndGet();
            if (isRetry) {
                cluster.activeRetries.decrementAndGet();
            }
            if (result != null) {
                if (result != AttemptResult.SUCCESS) {
                    ep.failures.incrementAndGet();
                }
                observer.attemptEnded(cluster, ep, result, status);
            }
        }
    }
}
