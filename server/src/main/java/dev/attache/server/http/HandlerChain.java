package dev.attache.server.http;

import java.util.List;

import org.eclipse.jetty.server.Handler;

/**
 * The Jetty handlers in front of the framework, linked in one stated order. Javalin attaches its own
 * handler inside the innermost wrapper it finds on the server, so whatever this chain holds sits in
 * front of every framework route, and each wrapper's position is its place in the list, not the order
 * in which parts of the server happened to register.
 */
public final class HandlerChain {

    private HandlerChain() {
    }

    /**
     * Links the wrappers, each around the next.
     *
     * @param outermostFirst the wrappers, the first seeing each request first; not empty
     * @return the outermost, to become the server's handler
     * @throws IllegalArgumentException when the list is empty
     */
    public static Handler.Wrapper of(List<? extends Handler.Wrapper> outermostFirst) {
        if (outermostFirst.isEmpty()) {
            throw new IllegalArgumentException("outermostFirst must hold at least one handler");
        }
        for (int i = 0; i < outermostFirst.size() - 1; i++) {
            outermostFirst.get(i).setHandler(outermostFirst.get(i + 1));
        }
        return outermostFirst.get(0);
    }
}
