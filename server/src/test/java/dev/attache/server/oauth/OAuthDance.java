package dev.attache.server.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.attache.server.signing.Sha256;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * Plays both an OAuth app and the person's browser against a real server over HTTP: builds the
 * authorize URL with a PKCE pair, submits the consent form as a browser would, and calls the token
 * and revoke endpoints as the app's back end would.
 */
final class OAuthDance {

    static final String REDIRECT_URI = "https://app.example/callback";

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestServer server;
    private final String clientId;
    private final String clientSecret;
    final String verifier;
    final String challenge;

    OAuthDance(TestServer server, String clientId, String clientSecret) {
        this.server = server;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        this.challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Sha256.newDigest().digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The authorize query the app sends the browser to, with PKCE S256 and a state. */
    Map<String, String> authorizeParams(String scope) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("redirect_uri", REDIRECT_URI);
        p.put("response_type", "code");
        p.put("state", "st&te=1");
        p.put("code_challenge", challenge);
        p.put("code_challenge_method", "S256");
        if (scope != null) {
            p.put("scope", scope);
        }
        return p;
    }

    /** The browser opens the authorize page. */
    Reply openAuthorize(Map<String, String> params) {
        return server.send(HttpRequest.newBuilder(server.root("/-/oauth_authorize?" + form(params))).GET().build());
    }

    /** The browser submits the consent form the page showed, with a token pasted and a button pressed. */
    Reply submitConsent(Reply page, String token, String decision) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.text());
        while (m.find()) {
            fields.put(m.group(1), unescape(m.group(2)));
        }
        fields.put("token", token);
        fields.put("decision", decision);
        return postForm("/-/oauth_authorize", fields);
    }

    /** The whole browser part: open the page, allow, and return the code from the redirect. */
    String authorize(String scope) {
        Reply page = openAuthorize(authorizeParams(scope));
        if (page.status() != 200) {
            throw new AssertionError("authorize page: " + page);
        }
        Reply redirect = submitConsent(page, server.token(), "allow");
        return query(redirect).get("code");
    }

    /** The app trades a code for tokens. */
    Reply exchange(String code, String redirectUri, String codeVerifier) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "authorization_code");
        p.put("client_id", clientId);
        p.put("client_secret", clientSecret);
        p.put("redirect_uri", redirectUri);
        p.put("code", code);
        p.put("code_verifier", codeVerifier);
        return postForm("/-/oauth_token", p);
    }

    Reply exchange(String code) {
        return exchange(code, REDIRECT_URI, verifier);
    }

    Reply refresh(String refreshToken) {
        return postForm("/-/oauth_token", Map.of("grant_type", "refresh_token", "client_id", clientId,
                "client_secret", clientSecret, "refresh_token", refreshToken));
    }

    Reply revoke(String token) {
        return postForm("/-/oauth_revoke", Map.of("client_id", clientId, "client_secret", clientSecret, "token", token));
    }

    /** GET under /api/1.0 with a given bearer token. */
    Reply apiGet(String path, String accessToken) {
        return server.send(HttpRequest.newBuilder(server.api(path)).header("Authorization", "Bearer " + accessToken).GET().build());
    }

    Reply postForm(String path, Map<String, String> fields) {
        return server.send(HttpRequest.newBuilder(server.root(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
    }

    /** The query parameters of a redirect's Location, decoded; fails unless the reply is a redirect to the app. */
    static Map<String, String> query(Reply redirect) {
        String location = redirect.header("Location");
        if (location == null || !location.startsWith(REDIRECT_URI + "?")) {
            throw new AssertionError("expected a redirect to the app: " + redirect + " Location: " + location);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
