package org.contact755

import java.io.File

/** Where the tests find the checkout, the vectors and the reference report. */
object Paths {
    private fun prop(name: String, default: String): File = File(System.getProperty(name) ?: default).absoluteFile.normalize()

    val repo: File = prop("contact755.repo.dir", "../..")
    val shared: File = prop("contact755.shared.dir", File(repo, "../shared/conformance").path)
    val vectors: File = prop("contact755.vectors.dir", File(repo, "tests/conformance").path)
    val sampleMonth: File = File(repo, "examples/data/sample-month.json")
    val sampleReport: File = prop("contact755.sample.report", File(repo, "target/kotlin-test/sample-month.report.json").path)

    /** Every `*.json` below [dir], sorted, or none when [dir] does not exist. */
    fun jsonFiles(dir: File): List<File> =
        if (dir.isDirectory) dir.walkTopDown().filter { it.isFile && it.name.endsWith(".json") }.sortedBy { it.path }.toList()
        else emptyList()
}

/** The SPEC's JSON spelling of an enum value: `BLOCK_WATCH` → `block_watch`. */
fun Enum<*>.specWord(): String = name.lowercase()

/** The typed summary as the SPEC report's JSON values (maps by key, integers as `Long`). */
fun Summary.toJsonValue(): Map<String, Any?> = linkedMapOf(
    "worksheets_audited" to worksheetsAudited.toLong(),
    "worksheets_covered" to worksheetsCovered.toLong(),
    "contacts_755" to contacts755.toLong(),
    "cards_provided" to cardsProvided.toLong(),
    "by_category" to byCategory.entries.associate { it.key.specWord() to it.value.toLong() },
    "by_activity" to byActivity.entries.associate { it.key.specWord() to it.value.toLong() },
    "by_area" to byArea.mapValues { it.value.toLong() },
    "findings_by_rule" to findingsByRule.mapValues { it.value.toLong() },
    "personnel" to personnel.map {
        linkedMapOf(
            "id" to it.id,
            "covered_shifts" to it.coveredShifts.toLong(),
            "contacts_755" to it.contacts755.toLong(),
            "findings" to it.findings.toLong(),
        )
    },
)

/** A typed finding as the SPEC report's JSON object. */
fun Finding.toJsonValue(): Map<String, Any?> = linkedMapOf(
    "rule" to rule,
    "severity" to severity.specWord(),
    "subject" to subject,
    "personnel_id" to personnelId,
    "date" to date,
    "message" to message,
)

/** The typed settings as the SPEC's policy object. */
fun PolicySettings.toJsonValue(): Map<String, Any?> = linkedMapOf(
    "station" to station,
    "community_relations_code" to communityRelationsCode,
    "covered_areas" to coveredAreas,
    "reviewer_roles" to reviewerRoles.map { it.specWord() },
    "min_contacts_per_shift" to minContactsPerShift.toLong(),
    "briefing_interval_days" to briefingIntervalDays.toLong(),
    "min_cards_in_vehicle" to minCardsInVehicle.toLong(),
    "card_check_interval_days" to cardCheckIntervalDays.toLong(),
)

/** Whether [reported] starts with [expected] at a path boundary (SPEC §5). */
fun pathHasPrefix(reported: String, expected: String): Boolean {
    if (!reported.startsWith(expected)) return false
    val rest = reported.substring(expected.length)
    return expected.isEmpty() || rest.isEmpty() || rest.startsWith(".") || rest.startsWith("[")
}
