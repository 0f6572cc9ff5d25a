package io.github.procorecdi.payara;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;

/**
 * The main class of the Payara Micro JVM ({@link PayaraMicroContainer} starts it with payara-micro.jar and this one
 * class on the class path): boots Payara Micro through its own API, then deploys and undeploys on request of the test
 * JVM over a loopback-only control port ({@code POST /deploy?name=&context=&file=}, {@code /undeploy?name=},
 * {@code /shutdown}).
 *
 * <p>Arguments: http port, root directory, file to write the control port to.
 */
public final class PayaraAgent {
    private static PayaraMicroRuntime runtime;

    private PayaraAgent() {
    }

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        File root = new File(args[1]);
        Path portFile = Path.of(args[2]);
        PayaraMicro.setUpackedJarDir(new File(root, "runtime"));
        runtime = PayaraMicro.getInstance()
                .setHttpPort(httpPort)
                .setHttpAutoBind(false)
                .setRootDir(new File(root, "domain"))
                // no data grid: --nocluster (and even --nohazelcast, --interfaces 127.0.0.1 or a --hzconfigfile with
                // hazelcast.socket.bind.any=false) still leaves Hazelcast listening on port 6900 of every interface; only
                // its domain setting hazelcast-config-specific-configuration.enabled=false keeps it from starting
                .setNoCluster(true)
                .setPrintLogo(false)
                .setPreBootHandler(admin -> {
                    admin.run("set", "configs.config.server-config.hazelcast-config-specific-configuration.enabled=false");
                    // HTTP on loopback only (Payara Micro has no option for it; its listener is "http-listener")
                    admin.run("set", "configs.config.server-config.network-config.network-listeners.network-listener"
                            + ".http-listener.address=127.0.0.1");
                })
                .bootStrap();
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/", PayaraAgent::handle);
        control.start();
        Files.writeString(portFile, Integer.toString(control.getAddress().getPort()));
    }

    private static void handle(HttpExchange exchange) throws IOException {
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        int status = 200;
        String answer = "ok";
        try {
            switch (exchange.getRequestURI().getPath()) {
                case "/deploy" -> {
                    if (!runtime.deploy(q.get("name"), q.get("context"), new File(q.get("file")))) {
                        status = 500;
                        answer = "Payara Micro did not deploy " + q.get("name") + " (the server log says why)";
                    } else if (!runtime.getDeployedApplicationNames().contains(q.get("name"))) {
                        status = 500;
                        answer = "Payara Micro does not list " + q.get("name") + " as deployed (the server log says why)";
                    }
                }
                case "/undeploy" -> runtime.undeploy(q.get("name"));
                case "/shutdown" -> {
                    reply(exchange, 200, "stopping");
                    runtime.shutdown();
                    System.exit(0);
                }
                default -> {
                    status = 404;
                    answer = "no such command";
                }
            }
        } catch (Exception e) {
            status = 500;
            answer = e.toString();
        }
        reply(exchange, status, answer);
    }

    private static void reply(HttpExchange exchange, int status, String answer) throws IOException {
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
