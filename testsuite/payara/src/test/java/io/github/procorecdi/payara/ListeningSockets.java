package io.github.procorecdi.payara;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, read from Linux's /proc (no network traffic). */
final class ListeningSockets {
    private ListeningSockets() {
    }

    /** @return whether this machine has /proc/net/tcp (Linux) */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** @return {@code address:port} of each socket process {@code pid} listens on, e.g. {@code 127.0.0.1:18480} */
    static List<String> of(long pid) throws IOException {
        Map<String, String> listening = new HashMap<>(); // inode -> address:port
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A")) { // LISTEN
                    listening.put(f[9], address(f[1]));
                }
            }
        }
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<String> sockets = new ArrayList<>();
        inodes.stream().filter(listening::containsKey).map(listening::get).sorted().forEach(sockets::add);
        return sockets;
    }

    /** @param hex {@code 0100007F:4830} (IPv4) or the 32-digit IPv6 form */
    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String a = parts[0];
        if (a.length() == 8) {
            return Integer.parseInt(a.substring(6, 8), 16) + "." + Integer.parseInt(a.substring(4, 6), 16) + "."
                    + Integer.parseInt(a.substring(2, 4), 16) + "." + Integer.parseInt(a.substring(0, 2), 16) + ":" + port;
        }
        return switch (a) {
            case "00000000000000000000000000000000" -> "[::]:" + port;
            case "00000000000000000000000001000000" -> "[::1]:" + port;
            case "0000000000000000FFFF00000100007F" -> "127.0.0.1:" + port; // IPv4-mapped loopback
            default -> "[" + a + "]:" + port;
        };
    }
}
