// Runs Bench.kt in a JVM of its own, the way an app's JVM runs the binding.
//
// scripts/bench starts the benchmark with `mvn ... -Pbench compile exec:java@bench`, and
// exec:java runs a main inside Maven's own JVM: the one that has just run the Kotlin compiler,
// with its heap, its JIT queue and its class loaders. Measured there, a checkEntry call took
// about twice as long, and varied far more, than in a fresh JVM. So the `bench` execution
// starts this launcher, which runs BenchKt in a child JVM (same java, same class path, the
// contact755.bench.* and jna.* system properties passed on) and waits for it.
//
// The child gets no JVM flags unless -Dbench.jvmArgs="..." is given (for experiments: the
// figures of scripts/bench are with the JVM's defaults, as an app would run).
// -Dbench.inProcess=true runs the benchmark in Maven's JVM as before.
package org.contact755.bench

import java.io.File
import java.net.URLClassLoader

object Fork {
    @JvmStatic
    fun main(args: Array<String>) = launch()
}

private fun launch() {
    val loader = Thread.currentThread().contextClassLoader
    val classPath = generateSequence(loader) { it.parent }
        .filterIsInstance<URLClassLoader>()
        .flatMap { it.urLs.asSequence() }
        .map { File(it.toURI()).path }
        .distinct()
        .toList()
    if (System.getProperty("contact755.bench.inProcess") == "true" || classPath.isEmpty()) {
        if (classPath.isEmpty()) println("bench: class path of exec:java unknown; measuring inside Maven's JVM")
        main()
        return
    }
    val java = File(System.getProperty("java.home"), "bin/java").path
    val props = System.getProperties().stringPropertyNames().sorted()
        .filter { it.startsWith("contact755.bench.") || it.startsWith("jna.") }
        .map { "-D$it=${System.getProperty(it)}" }
    val jvmArgs = System.getProperty("contact755.bench.jvmArgs").orEmpty().split(' ').filter { it.isNotBlank() }
    val command = listOf(java) + jvmArgs + props + listOf("-cp", classPath.joinToString(File.pathSeparator), "org.contact755.bench.BenchKt")
    println("bench: running in a JVM of its own: $java ${jvmArgs.joinToString(" ")} ... org.contact755.bench.BenchKt")
    val status = ProcessBuilder(command).inheritIO().start().waitFor()
    check(status == 0) { "the benchmark JVM exited with status $status" }
}
