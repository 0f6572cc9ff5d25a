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

    /** An error page that says what happened and leads back: home, or sign in again. */
    static void error(HttpServletResponse response, int status, String contextPath, String message) throws IOException {
        page(response, status, "Something went wrong", "<p id=\"error\">" + esc(message) + "</p><p><a href=\"" + contextPath
                + "/\">Home</a> &middot; <a id=\"sign-in\" href=\"" + contextPath + "/procore/login\">Sign in with Procore again</a></p>");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
