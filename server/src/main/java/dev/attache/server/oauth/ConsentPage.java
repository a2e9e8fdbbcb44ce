package dev.attache.server.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.attache.server.auth.Scope;

/**
 * The sign-in and consent page, as plain HTML with every value escaped: the person pastes a personal
 * access token to say who they are, then allows or declines. The form repeats the request's
 * parameters, so the POST is checked exactly as the GET was. Stateless.
 */
final class ConsentPage {

    private ConsentPage() {
    }

    /** The page asking for consent, with a line saying what went wrong when {@code problem} is given. */
    static String consent(AuthorizeRequest request, @Nullable String problem) {
        StringBuilder hidden = new StringBuilder();
        hiddenFields(request).forEach((name, value) -> hidden.append("<input type=\"hidden\" name=\"").append(name)
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        String scopes = request.scopes().stream().map(Scope::wireName).sorted()
                .map(s -> "<li><code>" + escape(s) + "</code></li>").collect(Collectors.joining());
        return page("Allow " + request.app().name() + "?",
                "<h1>" + escape(request.app().name()) + " wants to use your Attaché account</h1>\n"
                        + "<p>It asks to:</p><ul>" + scopes + "</ul>\n"
                        + (problem == null ? "" : "<p class=\"problem\" role=\"alert\">" + escape(problem) + "</p>\n")
                        + "<form method=\"post\" action=\"" + OAuthRoutes.AUTHORIZE + "\">\n" + hidden
                        + "<label for=\"token\">Sign in with your personal access token</label>\n"
                        + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\">\n"
                        + "<p><button name=\"decision\" value=\"allow\">Allow</button>\n"
                        + "<button name=\"decision\" value=\"deny\">Deny</button></p>\n"
                        + "</form>");
    }

    /** The page shown instead of a redirect when the app or its redirect URI cannot be trusted. */
    static String unusable(String reason) {
        return page("Cannot sign in", "<h1>This sign-in link does not work</h1>\n<p class=\"problem\">" + escape(reason)
                + "</p>\n<p>Tell the app's developer; you were not sent back to the app.</p>");
    }

    private static Map<String, String> hiddenFields(AuthorizeRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", request.app().clientId());
        fields.put("redirect_uri", request.redirectUri());
        fields.put("response_type", "code");
        fields.put("scope", request.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(" ")));
        if (request.state() != null) {
            fields.put("state", request.state());
        }
        if (request.codeChallenge() != null) {
            fields.put("code_challenge", request.codeChallenge());
            fields.put("code_challenge_method", "S256");
        }
        return fields;
    }

    private static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · Attaché</title>"
                + "<style>body{font:16px system-ui,sans-serif;max-width:32em;margin:3em auto;padding:0 1em}"
                + "input[type=password]{width:100%;padding:.4em;margin:.4em 0}button{padding:.4em 1.2em}"
                + ".problem{color:#a00}</style></head>\n<body>\n" + body + "\n</body></html>\n";
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
