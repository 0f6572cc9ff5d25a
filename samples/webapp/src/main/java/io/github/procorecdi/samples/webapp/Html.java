package io.github.procorecdi.samples.webapp;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** Minimal HTML rendering with escaping. */
final class Html {
    private Html() {
    }

    static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>body{font-family:sans-serif;max-width:46em;margin:2em auto}li{margin:.2em 0}</style>"
                + "</head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
