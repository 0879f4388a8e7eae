package org.contact755

import com.fasterxml.jackson.core.JsonFactory
import com.fasterxml.jackson.core.JsonParser
import com.fasterxml.jackson.core.JsonToken

/**
 * A small JSON reader for the tests, on Jackson's streaming parser.
 *
 * [parse] gives plain Kotlin values (maps keep key order, integers are `Long`); [rawMembers]
 * gives the exact source text of each member of a top-level object, so that a vector's
 * dataset reaches the core untouched — a key repeated on purpose included.
 */
object Json {
    private val factory = JsonFactory()

    fun parse(text: String): Any? =
        factory.createParser(text).use { p ->
            p.nextToken()
            val value = read(p)
            check(p.nextToken() == null) { "trailing content after the JSON value" }
            value
        }

    private fun read(p: JsonParser): Any? =
        when (p.currentToken()) {
            JsonToken.START_OBJECT -> {
                val map = LinkedHashMap<String, Any?>()
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    val key = p.currentName()
                    p.nextToken()
                    map[key] = read(p)
                }
                map
            }
            JsonToken.START_ARRAY -> {
                val list = ArrayList<Any?>()
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(read(p))
                list
            }
            JsonToken.VALUE_STRING -> p.text
            JsonToken.VALUE_NUMBER_INT -> p.longValue
            JsonToken.VALUE_NUMBER_FLOAT -> p.doubleValue
            JsonToken.VALUE_TRUE -> true
            JsonToken.VALUE_FALSE -> false
            JsonToken.VALUE_NULL -> null
            else -> error("unexpected JSON token ${p.currentToken()}")
        }

    /** The raw text of each member of the top-level object, by key (the last one wins). */
    fun rawMembers(text: String): Map<String, String> =
        factory.createParser(text).use { p ->
            require(p.nextToken() == JsonToken.START_OBJECT) { "not a JSON object" }
            val members = LinkedHashMap<String, String>()
            var token = p.nextToken()
            while (token == JsonToken.FIELD_NAME) {
                val key = p.currentName()
                p.nextToken()
                val start = p.currentTokenLocation().charOffset.toInt()
                p.skipChildren()
                // The value ends where the next member (or the closing brace) begins, less
                // the separating white space and comma.
                token = p.nextToken()
                val end = p.currentTokenLocation().charOffset.toInt()
                members[key] = text.substring(start, end).trimEnd().removeSuffix(",").trimEnd()
            }
            require(token == JsonToken.END_OBJECT) { "unexpected JSON token $token" }
            members
        }
}
