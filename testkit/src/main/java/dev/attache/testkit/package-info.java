/**
 * A real Attaché server inside your tests, with faults on demand.
 *
 * <p>With JUnit 5, {@link dev.attache.testkit.AttacheExtension} starts one server per test class and
 * injects an {@link dev.attache.testkit.AttacheServer}; without JUnit,
 * {@link dev.attache.testkit.AttacheServer#start()} and {@code close()} do the same. Null arguments throw
 * {@link NullPointerException} unless a parameter says otherwise.
 */
@NullMarked
package dev.attache.testkit;

import org.jspecify.annotations.NullMarked;
