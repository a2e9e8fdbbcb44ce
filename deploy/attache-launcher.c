/*
 * The image's `attache` command. The image has no shell to run the repository's ./attache script, so
 * this does the same job in its place: it starts the image's Java runtime on the fat jar with the
 * script's tuning (for `serve`: the serial collector and a 256 MB heap cap; uploads and downloads
 * stream in fixed buffers, so they fit), then the words of ATTACHE_JAVA_OPTS, which come last and so
 * override any of those, then the command's own arguments. It replaces itself with the JVM (execv),
 * so the JVM is the process that gets SIGTERM from the container runtime.
 *
 * Built static (gcc -static) by deploy/build-image.sh, so it needs nothing from the image.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define JAVA "/opt/attache/runtime/bin/java"
#define JAR "/opt/attache/attache.jar"

static const char *const SERVER_TUNING[] = {
    "-XX:+UseSerialGC", "-Xmx256m", "-Dorg.eclipse.jetty.util.referencesPerCacheLine=16", NULL};
static const char *const COMMAND_TUNING[] = {"-XX:+UseSerialGC", NULL};

int main(int argc, char **argv) {
    const char *const *tuning = argc > 1 && strcmp(argv[1], "serve") == 0 ? SERVER_TUNING : COMMAND_TUNING;
    const char *env = getenv("ATTACHE_JAVA_OPTS");
    char *opts = strdup(env == NULL ? "" : env);
    if (opts == NULL) {
        perror("attache");
        return 127;
    }
    /* Words of ATTACHE_JAVA_OPTS split on blanks, as the script's unquoted expansion does. */
    size_t words = 0;
    for (const char *p = opts; *p != '\0'; p++) {
        if (*p != ' ' && *p != '\t' && (p == opts || p[-1] == ' ' || p[-1] == '\t')) {
            words++;
        }
    }
    size_t tunings = 0;
    while (tuning[tunings] != NULL) {
        tunings++;
    }
    char **args = calloc(1 + tunings + words + 2 + (size_t) argc, sizeof *args);
    if (args == NULL) {
        perror("attache");
        return 127;
    }
    size_t n = 0;
    args[n++] = "java";
    for (size_t i = 0; i < tunings; i++) {
        args[n++] = (char *) tuning[i];
    }
    for (char *word = strtok(opts, " \t"); word != NULL; word = strtok(NULL, " \t")) {
        args[n++] = word;
    }
    args[n++] = "-jar";
    args[n++] = JAR;
    for (int i = 1; i < argc; i++) {
        args[n++] = argv[i];
    }
    args[n] = NULL;
    execv(JAVA, args);
    perror("attache: cannot start " JAVA);
    return 127;
}
