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
//   * policy.audit(json) and policy.auditJson(json) of a dataset file (10 000 worksheets in
//     scripts/bench): ms per call, median and best of several rounds after warm-up.
// System properties (Maven: -Dbench.dataset, -Dbench.rounds, -Dbench.auditRounds, -Dbench.out):
// contact755.bench.dataset (file; audit skipped without it),
// contact755.bench.rounds (default 7), contact755.bench.auditRounds (default 5),
// contact755.bench.out (write the figures as JSON there).
package org.contact755.bench

import org.contact755.Activity
import org.contact755.Assignment
import org.contact755.Category
import org.contact755.Contact
import org.contact755.Entry
import org.contact755.Policy
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

private class Stats(val medianNs: Double, val bestNs: Double, val rounds: Int, val callsPerRound: Int)

/**
 * ns per call of `call(i)` (i = 0, 1, 2, ...): calls for `warmupS` seconds (JIT), sizes a round
 * to last about `roundS` seconds, then times `rounds` rounds.
 */
private inline fun perCall(rounds: Int, warmupS: Double, roundS: Double, call: (Int) -> Int): Stats {
    var sink = 0
    var i = 0
    val t0 = System.nanoTime()
    while (System.nanoTime() - t0 < warmupS * 1e9) { sink += call(i); i++ }
    val perCallNs = (System.nanoTime() - t0).toDouble() / i
    val n = maxOf(10, (roundS * 1e9 / perCallNs).toInt())
    val ns = ArrayList<Double>()
    repeat(rounds) {
        val t = System.nanoTime()
        for (j in 0 until n) sink += call(j)
        ns += (System.nanoTime() - t).toDouble() / n
    }
    if (sink == 42) println("")  // keep the results alive
    return Stats(median(ns), ns.min(), rounds, n)
}

/** The contact755 library this JVM mapped (Linux), to show which build is measured. */
private fun mappedLibrary(): String =
    try {
        File("/proc/self/maps").readLines().map { it.substringAfterLast(' ') }
            .firstOrNull { it.contains("contact755_mobile") } ?: "?"
    } catch (e: Exception) { "?" }

fun main() {
    Locale.setDefault(Locale.ROOT)  // '.' as the decimal separator in the JSON
    val rounds = prop("contact755.bench.rounds", 7)
    val auditRounds = prop("contact755.bench.auditRounds", 5)
    val results = LinkedHashMap<String, String>()
    println("contact755 Kotlin benchmark: JVM ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}, " +
        "library from jna.library.path=${System.getProperty("jna.library.path")}")
    Policy.norwalk2016().use { policy ->
        // checkEntry ------------------------------------------------------------------------
        println("library mapped: ${mappedLibrary()}")
        val single = perCall(rounds, warmupS = 1.0, roundS = 0.3) { policy.checkEntry(header, realistic).size }
        val pairs = mix()
        val mixed = perCall(rounds, warmupS = 1.0, roundS = 0.3) { i -> val (h, e) = pairs[i % pairs.size]; policy.checkEntry(h, e).size }
        val trivial = perCall(rounds, warmupS = 0.5, roundS = 0.2) { policy.toJson().length }
        val findingsInMix = pairs.sumOf { (h, e) -> policy.checkEntry(h, e).size }
        println("checkEntry per call, median (best) of $rounds rounds of ~0.3 s (${single.callsPerRound} calls) after 1 s of warm-up:")
        println("  one realistic entry        %8.0f ns (%.0f)".format(single.medianNs, single.bestNs))
        println("  mix of ${pairs.size} entries         %8.0f ns (%.0f); $findingsInMix findings in the mix".format(mixed.medianNs, mixed.bestNs))
        results["check_entry_single_median_ns"] = "%.1f".format(single.medianNs)
        results["check_entry_single_best_ns"] = "%.1f".format(single.bestNs)
        results["check_entry_mix_median_ns"] = "%.1f".format(mixed.medianNs)
        results["check_entry_mix_best_ns"] = "%.1f".format(mixed.bestNs)
        println("  policy.toJson() (FFI floor) %8.0f ns (%.0f)".format(trivial.medianNs, trivial.bestNs))
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
                return Stats(median(ms), ms.min(), auditRounds, 1)
            }
            val audit = timeMs { policy.audit(json).findings.size }
            val auditJson = timeMs { policy.auditJson(json).length }
            println("  audit(json)      %8.1f ms (%.1f)".format(audit.medianNs, audit.bestNs))
            println("  auditJson(json)  %8.1f ms (%.1f)".format(auditJson.medianNs, auditJson.bestNs))
            results["audit_dataset"] = "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
            results["audit_worksheets_audited"] = worksheets.toString()
            results["audit_chars"] = json.length.toString()
            results["audit_median_ms"] = "%.2f".format(audit.medianNs)
            results["audit_best_ms"] = "%.2f".format(audit.bestNs)
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
