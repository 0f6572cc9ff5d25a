package io.github.procorecdi.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** Plain, escaped HTML answers of the web flow. */
final class HtmlPages {
    private HtmlPages() {
    }

    static void send(HttpServletResponse response, int status, String title, String message) throws IOException {
        send(response, status, title, message, null);
    }

    /** An answer with a "Sign in with Procore" link to {@code signInHref} (a path of this application), when not null. */
    static void send(HttpServletResponse response, int status, String title, String message, String signInHref) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p id=\"message\">" + escape(message)
                + "</p>" + (signInHref == null ? "" : "<p><a id=\"sign-in\" href=\"" + escape(signInHref)
                + "\">Sign in with Procore</a></p>") + "</body></html>");
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
