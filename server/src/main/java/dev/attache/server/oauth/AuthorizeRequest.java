package dev.attache.server.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.attache.server.auth.OAuthApps;
import dev.attache.server.auth.OAuthApps.OAuthApp;
import dev.attache.server.auth.Scope;

/**
 * A checked request to the authorize page: which app, where to send the person back, what it asks
 * for, and its PKCE challenge.
 *
 * @param state         the app's opaque value, returned unchanged; {@code null} when it sent none
 * @param scopes        what the app asks for, never more than it was registered with
 * @param codeChallenge the S256 challenge, or {@code null} when the app uses no PKCE
 */
record AuthorizeRequest(OAuthApp app, String redirectUri, @Nullable String state, Set<Scope> scopes,
                        @Nullable String codeChallenge) {

    /** What checking the parameters found. */
    sealed interface Parsed permits Valid, Unusable, Refused {
    }

    /** Everything is in order: show the consent page. */
    record Valid(AuthorizeRequest request) implements Parsed {
    }

    /**
     * The client id or redirect URI cannot be trusted, so the person must not be sent anywhere: the
     * page says what is wrong instead (RFC 6749 §4.1.2.1).
     */
    record Unusable(String reason) implements Parsed {
    }

    /** The app and redirect URI are sound but the request is not: send the person back with an error. */
    record Refused(String location) implements Parsed {
    }

    /** Checks the parameters, read through {@code param} from the query or the consent form. */
    static Parsed parse(Function<String, @Nullable String> param, OAuthApps apps) {
        String clientId = param.apply("client_id");
        if (clientId == null || clientId.isEmpty()) {
            return new Unusable("client_id: Missing input");
        }
        Optional<OAuthApp> found = apps.find(clientId);
        if (found.isEmpty()) {
            return new Unusable("client_id: No app is registered with this id");
        }
        OAuthApp app = found.get();
        String redirectUri = param.apply("redirect_uri");
        if (redirectUri == null || redirectUri.isEmpty()) {
            return new Unusable("redirect_uri: Missing input");
        }
        if (!app.allowsRedirectTo(redirectUri)) {
            return new Unusable("redirect_uri: Not one registered for " + app.name());
        }
        String state = param.apply("state");
        if (!"code".equals(param.apply("response_type"))) {
            return refuse(redirectUri, state, "unsupported_response_type", "response_type must be code");
        }
        String challenge = param.apply("code_challenge");
        String method = param.apply("code_challenge_method");
        if (challenge != null && !"S256".equals(method)) {
            return refuse(redirectUri, state, "invalid_request", "code_challenge_method must be S256");
        }
        if (challenge == null && method != null) {
            return refuse(redirectUri, state, "invalid_request", "code_challenge: Missing input");
        }
        if (challenge != null && !Pkce.isChallenge(challenge)) {
            return refuse(redirectUri, state, "invalid_request", "code_challenge must be 43 base64url characters");
        }
        Optional<Set<Scope>> scopes = scopes(param.apply("scope"), app);
        if (scopes.isEmpty()) {
            return refuse(redirectUri, state, "invalid_scope",
                    "scope may name only " + app.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(" ")));
        }
        return new Valid(new AuthorizeRequest(app, redirectUri, state, scopes.get(), challenge));
    }

    /** The requested scopes; all the app's when none are named; empty when one is unknown or beyond the app's. */
    private static Optional<Set<Scope>> scopes(@Nullable String requested, OAuthApp app) {
        if (requested == null || requested.isBlank()) {
            return Optional.of(app.scopes());
        }
        Set<Scope> result = EnumSet.noneOf(Scope.class);
        for (String name : requested.trim().split(" +")) {
            Optional<Set<Scope>> parsed = Scope.parse(name);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            // "default" asks for whatever the app may have, as Asana treats it.
            result.addAll(name.equals("default") ? app.scopes() : parsed.get());
        }
        return app.scopes().containsAll(result) ? Optional.of(result) : Optional.empty();
    }

    private static Refused refuse(String redirectUri, @Nullable String state, String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        return new Refused(location(redirectUri, params, state));
    }

    /** Where to send the person back with a code. */
    String withCode(String code) {
        return location(redirectUri, Map.of("code", code), state);
    }

    /** Where to send the person back when they declined. */
    String declined() {
        return refuse(redirectUri, state, "access_denied", "The user declined the request").location();
    }

    private static String location(String redirectUri, Map<String, String> params, @Nullable String state) {
        StringBuilder b = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        b.append(all.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        return b.toString();
    }
}
