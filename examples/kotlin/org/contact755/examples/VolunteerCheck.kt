// A volunteer's app, in the shape of a console program: a station volunteer on a La Mirada
// patrol fills in one contact, the app checks it with the core (`checkEntry`) before it is
// sent, and prints what the volunteer must fix. Every decision is the core's; this file only
// fills in records and presents the findings.
//
// Run it (after `cargo build -p contact755-mobile`):
//   mvn -B -q -f bindings-mobile/kotlin/pom.xml compile exec:java@volunteer-check
// scripts/test-kotlin.sh runs it once as a smoke test.

package org.contact755.examples

import java.time.LocalDate
import java.time.ZoneId
import java.time.ZonedDateTime
import org.contact755.Activity
import org.contact755.Assignment
import org.contact755.Category
import org.contact755.Contact
import org.contact755.Contact755Exception
import org.contact755.Entry
import org.contact755.Policy
import org.contact755.Severity
import org.contact755.WorksheetChecker
import org.contact755.WorksheetHeader
import org.contact755.rules

private val station = ZoneId.of("America/Los_Angeles")

/** What the app suggests for each finding an entry can earn: presentation only. */
private val hints = mapOf(
    "FP-CODE-755" to "add clearance code 755 to this incident",
    "FP-CARD" to "hand the citizen a \"755\" card, then tick \"card provided\"",
    "FP-755-DETAILS" to "fill in the contact (category, card) for this 755",
    "DATA-CODE-MALFORMED" to "correct the clearance code (1 to 8 letters or digits)",
    "DATA-CODE-DUPLICATE" to "remove the repeated clearance code",
    "DATA-ENTRY-OUTSIDE-SHIFT" to "check the time of the entry against your shift",
)

fun main() {
    val titles = rules().associate { it.id to it.title }
    val today = LocalDate.of(2016, 3, 17)
    fun at(hour: Int, minute: Int) = ZonedDateTime.of(today.atTime(hour, minute), station).toInstant()

    val shift = WorksheetHeader(
        id = "DDW-160317-V300",
        personnelId = "V300",
        date = today.toString(),
        assignment = Assignment.FIELD,
        area = "La Mirada",
        shiftStart = at(8, 0),
        shiftEnd = at(16, 0),
    )
    // What the volunteer typed: a chat with a resident walking a dog on a self-initiated
    // patrol stop, cleared with 415 only, and the card stayed in the car.
    val draft = Entry(
        id = "E3",
        at = at(10, 5),
        activity = Activity.SELF_INITIATED,
        clearanceCodes = listOf("415"),
        contact = Contact(category = Category.RESIDENT, cardProvided = false),
    )

    Policy.norwalk2016().use { policy ->
        // The app prepares the check once for the volunteer's shift (the header crosses to
        // Rust once) and checks each entry of that shift as it is filled in.
        policy.forWorksheet(shift).use { checker ->
            println("Volunteer V300, ${shift.area}, ${shift.date}: checking entry ${draft.id} before sending")
            check(checker, draft, titles)

            val fixed = draft.copy(
                clearanceCodes = listOf("415", "755"),
                contact = draft.contact?.copy(cardProvided = true),
            )
            println()
            println("After the volunteer's corrections:")
            check(checker, fixed, titles)

            // A typo in the form: the core names the field to correct.
            println()
            println("A mistyped shift date:")
            policy.forWorksheet(shift.copy(date = "2016-03-32")).use { check(it, fixed, titles) }
        }
    }
}

private fun check(checker: WorksheetChecker, entry: Entry, titles: Map<String, String>) {
    val findings = try {
        checker.checkEntry(entry)
    } catch (e: Contact755Exception.InvalidInput) {
        println("  Cannot check yet: please correct ${e.path}: ${e.detail}")
        return
    }
    if (findings.isEmpty()) {
        println("  Ready to send: nothing to fix.")
        return
    }
    val mustFix = findings.count { it.severity == Severity.VIOLATION }
    println("  ${findings.size} finding(s), $mustFix to fix before sending:")
    for (f in findings) {
        val word = f.severity.name.lowercase()
        println("  - [$word] ${f.rule} ${titles[f.rule] ?: ""}")
        println("      ${f.message}")
        hints[f.rule]?.let { println("      To fix: $it") }
    }
}
