// Benchmark of the Kotlin binding (issue 6): a plain main run by Maven exec (profile `bench`
// of ../../pom.xml), not a JUnit test, so `mvn test` never runs it.
//
//   cargo build --release -p contact755-mobile
//   target/release/examples/generate --worksheets 10000 --out target/bench-data/station-10000-seed755.json
//   mvn -B -f bindings-mobile/kotlin/pom.xml -Pbench -DlibDir=$PWD/target/release \
//       -Dbench.dataset=$PWD/target/bench-data/station-10000-seed755.json \
//       compile exec:java@bench
//
// What it measures, through the binding (JNA + UniFFI) with the library at jna.library.path:
//   * policy.checkEntry(header, entry): ns per call, after a warm-up (JIT), median and best of
//     several rounds, for one realistic entry and for a cycled mix of clean and faulty entries;
//   * the same through a checker prepared per worksheet (policy.forWorksheet(header), then
//     checker.checkEntry(entry)), and checker.checkEntries(entries) per entry of one batch;
//   * policy.toJson(): the binding's per-call floor (no argument, one string back);
//   * policy.audit(json) and policy.auditJson(json) of a dataset file (10 000 worksheets in
//     scripts/bench): ms per call, median and best of several rounds after warm-up.
// System properties (Maven: -Dbench.dataset, -Dbench.rounds, -Dbench.auditRounds, -Dbench.out):
// contact755.bench.dataset (file; audit skipped without it),
// contact755.bench.rounds (default 7), contact755.bench.auditRounds (default 5),
// contact755.bench.out (write the figures as JSON there).
//
// It runs in a JVM of its own: Maven's exec:java would run it inside Maven's JVM, after the
// Kotlin compiler, and measure that JVM's state (see Fork.kt).
package org.contact755.bench

import org.contact755.Activity
import org.contact755.Assignment
import org.contact755.Category
import org.contact755.Contact
import org.contact755.Entry
import org.contact755.Policy
import org.contact755.WorksheetChecker
import org.contact755.WorksheetHeader
import java.io.File
import java.time.Instant
import java.util.Locale

private fun prop(name: String, default: Int) = System.getProperty(name)?.toIntOrNull() ?: default

private fun median(xs: List<Double>): Double {
    val s = xs.sorted()
    return if (s.size % 2 == 1) s[s.size / 2] else (s[s.size / 2 - 1] + s[s.size / 2]) / 2
}

/** A field shift in La Mirada, 06:00–16:00 Pacific (14:00–00:00 UTC) on 2016-03-17. */
private val header = WorksheetHeader(
    id = "DDW-160317-D104", personnelId = "D104", date = "2016-03-17",
    assignment = Assignment.FIELD, area = "La Mirada",
    shiftStart = Instant.parse("2016-03-17T13:00:00Z"), shiftEnd = Instant.parse("2016-03-17T23:00:00Z"),
)

/** The common case: a self-initiated contact cleared 755 with a card, inside the shift. */
private val realistic = Entry(
    id = "160317-0042", at = Instant.parse("2016-03-17T17:05:00Z"), activity = Activity.SELF_INITIATED,
    clearanceCodes = listOf("755"), contact = Contact(category = Category.RESIDENT, cardProvided = true),
)

/**
 * A mix like a generated month's: most entries without a contact, about one in seven with one,
 * and a sprinkling of every entry-level finding (code 755 missing, no card, cleared 755 without
 * a contact, outside the shift, malformed and repeated codes).
 */
private fun mix(): List<Pair<WorksheetHeader, Entry>> {
    val station = header.copy(assignment = Assignment.NON_FIELD, area = null)
    val out = ArrayList<Pair<WorksheetHeader, Entry>>()
    val base = Instant.parse("2016-03-17T13:30:00Z")
    for (i in 0 until 140) {
        val at = base.plusSeconds(240L * i)
        val id = "160317-%04d".format(i)
        val e = when {
            i == 7 -> Entry(id, at, Activity.CALL_FOR_SERVICE, listOf("415"), Contact(Category.PATRON, true))       // FP-CODE-755
            i == 21 -> Entry(id, at, Activity.SELF_INITIATED, listOf("755"), Contact(Category.RESIDENT, false))     // FP-CARD
            i == 35 -> Entry(id, at, Activity.SELF_INITIATED, listOf("755"), null)                                  // FP-755-DETAILS
            i == 49 -> Entry(id, base.minusSeconds(7200), Activity.CALL_FOR_SERVICE, listOf("926"), null)           // outside shift
            i == 63 -> Entry(id, at, Activity.CALL_FOR_SERVICE, listOf("75A"), null)                                // malformed code
            i == 77 -> Entry(id, at, Activity.CALL_FOR_SERVICE, listOf("415", "415"), null)                         // repeated code
            i % 7 == 0 -> Entry(id, at, Activity.SELF_INITIATED, listOf("755"), Contact(Category.BUSINESS_OWNER, true))
            i % 7 == 3 -> Entry(id, at, Activity.CALL_FOR_SERVICE, listOf("755", "415"), Contact(Category.RESIDENT, true))
            i % 2 == 0 -> Entry(id, at, Activity.CALL_FOR_SERVICE, listOf("415"), null)
            else -> Entry(id, at, Activity.SELF_INITIATED, listOf("927", "459"), null)
        }
        out += (if (i % 20 == 19) station else header) to e
    }
    return out
}

/** Median, best and worst round: the spread of a figure is best to worst. */
private class Stats(val medianNs: Double, val bestNs: Double, val worstNs: Double, val rounds: Int, val callsPerRound: Int)

/** One kind of call to time: `call(i)` for i = 0, 1, 2, ... returns something to keep alive. */
private class Case(val name: String, val call: (Int) -> Int) {
    var callsPerRound = 0
    val roundNs = ArrayList<Double>()
    fun stats() = Stats(median(roundNs), roundNs.min(), roundNs.max(), roundNs.size, callsPerRound)
}

/**
 * ns per call of each case: every case is first called for `warmupS` seconds (JIT, and to size
 * its round to about `roundS` seconds); then `rounds` rounds are timed, each timing every case
 * once in turn, so that the JIT's progress and the machine's load weigh on all cases alike.
 */
private fun perCall(cases: List<Case>, rounds: Int, warmupS: Double, roundS: Double) {
    var sink = 0
    for (c in cases) {
        var i = 0
        val t0 = System.nanoTime()
        while (System.nanoTime() - t0 < warmupS * 1e9) { sink += c.call(i); i++ }
        c.callsPerRound = maxOf(10, (roundS * 1e9 / ((System.nanoTime() - t0).toDouble() / i)).toInt())
    }
    repeat(rounds) {
        for (c in cases) {
            val t = System.nanoTime()
            for (j in 0 until c.callsPerRound) sink += c.call(j)
            c.roundNs += (System.nanoTime() - t).toDouble() / c.callsPerRound
        }
    }
    if (sink == 42) println("")  // keep the results alive
}

/** The contact755 library this JVM mapped (Linux), to show which build is measured. */
private fun mappedLibrary(): String =
    try {
        File("/proc/self/maps").readLines().map { it.substringAfterLast(' ') }
            .firstOrNull { it.contains("contact755_mobile") } ?: "?"
    } catch (e: Exception) { "?" }

/** `s` as a JSON string literal (the values written here need no escape beyond these). */
private fun jsonString(s: String) = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""

fun main() {
    Locale.setDefault(Locale.ROOT)  // '.' as the decimal separator in the JSON
    val rounds = prop("contact755.bench.rounds", 7)
    val auditRounds = prop("contact755.bench.auditRounds", 5)
    val results = LinkedHashMap<String, String>()
    val args = java.lang.management.ManagementFactory.getRuntimeMXBean().inputArguments.filter { !it.startsWith("-D") }
    println("contact755 Kotlin benchmark: JVM ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}" +
        " (flags: ${args.ifEmpty { listOf("none") }.joinToString(" ")}), JNA ${com.sun.jna.Native.VERSION}, " +
        "library from jna.library.path=${System.getProperty("jna.library.path")}")
    results["jvm"] = jsonString("${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}")
    results["jvm_flags"] = jsonString(args.joinToString(" "))
    results["jna_version"] = jsonString(com.sun.jna.Native.VERSION)
    Policy.norwalk2016().use { policy ->
        // checkEntry ------------------------------------------------------------------------
        println("library mapped: ${mappedLibrary()}")
        val pairs = mix()
        val findingsInMix = pairs.sumOf { (h, e) -> policy.checkEntry(h, e).size }
        // Checkers prepared once per worksheet, as an app checking entry after entry of one
        // shift holds them; and the shift's entries checked in one batch.
        val checkers = LinkedHashMap<WorksheetHeader, WorksheetChecker>()
        val single: Stats
        val mixed: Stats
        val checkerSingle: Stats
        val checkerMixed: Stats
        val batch: Stats
        val trivial: Stats
        val batchSize: Int
        try {
            val checker = checkers.getOrPut(header) { policy.forWorksheet(header) }
            val checkerPairs = pairs.map { (h, e) -> checkers.getOrPut(h) { policy.forWorksheet(h) } to e }
            val shiftEntries = pairs.filter { it.first == header }.map { it.second }
            batchSize = shiftEntries.size
            val cases = listOf(
                Case("policy.checkEntry, one entry") { policy.checkEntry(header, realistic).size },
                Case("policy.checkEntry, mix") { i -> val (h, e) = pairs[i % pairs.size]; policy.checkEntry(h, e).size },
                Case("checker.checkEntry, one entry") { checker.checkEntry(realistic).size },
                Case("checker.checkEntry, mix") { i -> val (c, e) = checkerPairs[i % checkerPairs.size]; c.checkEntry(e).size },
                Case("checker.checkEntries") { checker.checkEntries(shiftEntries).size },
                Case("policy.toJson") { policy.toJson().length },
            )
            perCall(cases, rounds, warmupS = 1.0, roundS = 0.3)
            single = cases[0].stats()
            mixed = cases[1].stats()
            checkerSingle = cases[2].stats()
            checkerMixed = cases[3].stats()
            val perBatch = cases[4].stats()
            batch = Stats(perBatch.medianNs / batchSize, perBatch.bestNs / batchSize, perBatch.worstNs / batchSize, perBatch.rounds, perBatch.callsPerRound)
            trivial = cases[5].stats()
        } finally {
            checkers.values.forEach { it.close() }
        }
        println("per call, median (best) of $rounds interleaved rounds of ~0.3 s each, after 1 s of warm-up each:")
        println("policy.checkEntry(header, entry):")
        println("  one realistic entry        %8.0f ns (%.0f)".format(single.medianNs, single.bestNs))
        println("  mix of ${pairs.size} entries         %8.0f ns (%.0f); $findingsInMix findings in the mix".format(mixed.medianNs, mixed.bestNs))
        println("checker = policy.forWorksheet(header), made once per worksheet:")
        println("  checker.checkEntry(entry)  %8.0f ns (%.0f), one realistic entry".format(checkerSingle.medianNs, checkerSingle.bestNs))
        println("  checker.checkEntry(entry)  %8.0f ns (%.0f), the mix".format(checkerMixed.medianNs, checkerMixed.bestNs))
        println("  checker.checkEntries(...)  %8.0f ns (%.0f) per entry, batches of $batchSize entries".format(batch.medianNs, batch.bestNs))
        println("  policy.toJson() (FFI floor) %8.0f ns (%.0f)".format(trivial.medianNs, trivial.bestNs))
        results["check_entry_single_median_ns"] = "%.1f".format(single.medianNs)
        results["check_entry_single_best_ns"] = "%.1f".format(single.bestNs)
        results["check_entry_single_worst_ns"] = "%.1f".format(single.worstNs)
        results["check_entry_mix_median_ns"] = "%.1f".format(mixed.medianNs)
        results["check_entry_mix_best_ns"] = "%.1f".format(mixed.bestNs)
        results["check_entry_mix_worst_ns"] = "%.1f".format(mixed.worstNs)
        results["checker_check_entry_single_median_ns"] = "%.1f".format(checkerSingle.medianNs)
        results["checker_check_entry_single_best_ns"] = "%.1f".format(checkerSingle.bestNs)
        results["checker_check_entry_single_worst_ns"] = "%.1f".format(checkerSingle.worstNs)
        results["checker_check_entry_mix_median_ns"] = "%.1f".format(checkerMixed.medianNs)
        results["checker_check_entry_mix_best_ns"] = "%.1f".format(checkerMixed.bestNs)
        results["checker_check_entry_mix_worst_ns"] = "%.1f".format(checkerMixed.worstNs)
        results["check_entries_per_entry_median_ns"] = "%.1f".format(batch.medianNs)
        results["check_entries_per_entry_best_ns"] = "%.1f".format(batch.bestNs)
        results["check_entries_per_entry_worst_ns"] = "%.1f".format(batch.worstNs)
        results["check_entries_batch_size"] = batchSize.toString()
        results["to_json_median_ns"] = "%.1f".format(trivial.medianNs)
        results["check_entry_rounds"] = rounds.toString()

        // audit / auditJson -----------------------------------------------------------------
        val path = System.getProperty("contact755.bench.dataset")
        if (path.isNullOrBlank()) {
            println("audit: skipped (no -Dbench.dataset=FILE)")
        } else {
            val json = File(path).readText()
            val first = policy.audit(json)
            val worksheets = first.summary.worksheetsAudited
            println("audit of $path (${json.length} chars, ${first.findings.size} findings), median (best) of $auditRounds rounds after 2 warm-ups:")
            fun timeMs(f: () -> Int): Stats {
                var sink = 0
                repeat(2) { sink += f() }
                val ms = ArrayList<Double>()
                repeat(auditRounds) {
                    System.gc()
                    val t = System.nanoTime()
                    sink += f()
                    ms += (System.nanoTime() - t) / 1e6
                }
                if (sink == 42) println("")
                return Stats(median(ms), ms.min(), ms.max(), auditRounds, 1)
            }
            val audit = timeMs { policy.audit(json).findings.size }
            val auditJson = timeMs { policy.auditJson(json).length }
            println("  audit(json)      %8.1f ms (%.1f)".format(audit.medianNs, audit.bestNs))
            println("  auditJson(json)  %8.1f ms (%.1f)".format(auditJson.medianNs, auditJson.bestNs))
            results["audit_dataset"] = jsonString(path)
            results["audit_worksheets_audited"] = worksheets.toString()
            results["audit_chars"] = json.length.toString()
            results["audit_median_ms"] = "%.2f".format(audit.medianNs)
            results["audit_best_ms"] = "%.2f".format(audit.bestNs)
        results["audit_worst_ms"] = "%.2f".format(audit.worstNs)
            results["audit_json_median_ms"] = "%.2f".format(auditJson.medianNs)
            results["audit_json_best_ms"] = "%.2f".format(auditJson.bestNs)
            results["audit_rounds"] = auditRounds.toString()
        }
    }
    System.getProperty("contact755.bench.out")?.takeIf { it.isNotBlank() }?.let { out ->
        val text = results.entries.joinToString(",\n", "{\n", "\n}\n") { (k, v) -> "  \"$k\": $v" }
        File(out).writeText(text)
        println("wrote $out")
    }
}
