package org.contact755

import java.io.File

/** Where the tests find the checkout, the vectors and the reference report. */
object Paths {
    private fun prop(name: String, default: String): File = File(System.getProperty(name) ?: default).absoluteFile.normalize()

    val repo: File = prop("contact755.repo.dir", "../..")
    val shared: File = prop("contact755.shared.dir", File(repo, "../shared/conformance").path)
    /** The public vectors of the sections being built (SPEC §5); only those of built sections run. */
    val next: File = prop("contact755.next.dir", File(repo, "../shared/conformance-next").path)
    val vectors: File = prop("contact755.vectors.dir", File(repo, "tests/conformance").path)
    val sampleMonth: File = File(repo, "examples/data/sample-month.json")
    val sampleReport: File = prop("contact755.sample.report", File(repo, "target/kotlin-test/sample-month.report.json").path)

    /** Every `*.json` below [dir], sorted, or none when [dir] does not exist. */
    fun jsonFiles(dir: File): List<File> =
        if (dir.isDirectory) dir.walkTopDown().filter { it.isFile && it.name.endsWith(".json") }.sortedBy { it.path }.toList()
        else emptyList()
}

/** The SPEC's word for an enum member, as UniFFI names members: `BLOCK_WATCH` → `block_watch`. */
fun Enum<*>.specWord(): String = name.lowercase()

/**
 * A typed finding as the SPEC report's JSON object (`Json.parse` values), to compare `audit`'s
 * findings with `auditJson`'s. Findings only: the rest of the report is judged from the JSON
 * text by the core, and the typed summary is checked value by value in `ApiTest`.
 */
fun Finding.toJsonValue(): Map<String, Any?> = linkedMapOf(
    "rule" to rule,
    "severity" to severity.specWord(),
    "subject" to subject,
    "personnel_id" to personnelId,
    "date" to date,
    "message" to message,
)
