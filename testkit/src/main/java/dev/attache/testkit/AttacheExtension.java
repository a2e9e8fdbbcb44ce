package dev.attache.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * JUnit 5: a real Attaché server for a test class. It starts before the class's first test (on a free
 * port, over a temporary data directory), is injected into {@link AttacheServer} parameters and
 * fields, and stops after the class's last test. After every test its faults are cleared and its
 * clock set back to real time; with {@link Builder#resetBetweenTests()} its data is put back as well.
 *
 * <pre>{@code
 * @ExtendWith(AttacheExtension.class)
 * class InvoiceUploadTest {
 *     @Test
 *     void uploadsTheInvoice(AttacheServer server) {
 *         ParentGid task = server.createTask("Invoices");
 *         // point your code at server.apiBaseUri() with server.token() ...
 *     }
 * }
 * }</pre>
 *
 * With settings, register it as a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AttacheExtension ATTACHE = AttacheExtension.builder()
 *         .resetBetweenTests()
 *         .server(s -> s.downloadUrlTtl(Duration.ofMinutes(5)))
 *         .build();
 * }</pre>
 *
 * Nested test classes share their enclosing class's server. Fields that are {@code final} or already
 * set are left alone. Immutable; safe to share.
 */
public final class AttacheExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AttacheExtension.class);

    private final UnaryOperator<AttacheServer.Builder> settings;
    private final boolean resetBetweenTests;

    /** The defaults, for {@code @ExtendWith(AttacheExtension.class)}: a server per class, no reset of its data. */
    public AttacheExtension() {
        this(UnaryOperator.identity(), false);
    }

    private AttacheExtension(UnaryOperator<AttacheServer.Builder> settings, boolean resetBetweenTests) {
        this.settings = settings;
        this.resetBetweenTests = resetBetweenTests;
    }

    /** Settings, for {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server of a test class, started if it is not running yet. */
    public AttacheServer server(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(this, key -> new RunningServer(settings.apply(AttacheServer.builder()).start()),
                        RunningServer.class)
                .server();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        AttacheServer server = server(context);
        for (Field field : fields(context.getRequiredTestClass())) {
            if (Modifier.isStatic(field.getModifiers())) {
                inject(field, null, server);
            }
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        AttacheServer server = server(context);
        for (Field field : fields(testInstance.getClass())) {
            if (!Modifier.isStatic(field.getModifiers())) {
                inject(field, testInstance, server);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        AttacheServer server = server(context);
        if (resetBetweenTests) {
            server.reset();
        } else {
            server.clearFaults();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AttacheServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The context of the class a test or lifecycle method belongs to: its server lives there. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static Iterable<Field> fields(Class<?> type) {
        List<Field> found = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == AttacheServer.class) {
                    found.add(field);
                }
            }
        }
        return found;
    }

    private static void inject(Field field, @Nullable Object target, AttacheServer server) throws IllegalAccessException {
        if (Modifier.isFinal(field.getModifiers())) {
            return;
        }
        field.setAccessible(true);
        if (field.get(target) == null) {
            field.set(target, server);
        }
    }

    /** Closes the server when JUnit closes the class's store. */
    private record RunningServer(AttacheServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    /** Settings for an extension registered with {@code @RegisterExtension}. Not thread-safe. */
    public static final class Builder {
        private UnaryOperator<AttacheServer.Builder> settings = UnaryOperator.identity();
        private boolean resetBetweenTests;

        private Builder() {
        }

        /** Puts the data back after every test (fast: no restart), so each test starts from an empty workspace. */
        public Builder resetBetweenTests() {
            resetBetweenTests = true;
            return this;
        }

        /** Server settings, such as {@code s -> s.asanaRateLimits()}; applied to a fresh {@link AttacheServer.Builder}. */
        public Builder server(UnaryOperator<AttacheServer.Builder> value) {
            settings = Objects.requireNonNull(value, "server");
            return this;
        }

        public AttacheExtension build() {
            return new AttacheExtension(settings, resetBetweenTests);
        }
    }
}
