/// The OpenAPI 3.1 document served at `/openapi.json`: what an AI agent's tool definitions are
/// generated from. Kept beside the routes; a test checks every route is described and that the
/// examples decode.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "fieldsync booking API",
        "version": "1",
        "description": "Slot search and safe booking for AI dispatchers, from fieldsync's cache of the shop's field-service tools (ServiceTitan, Housecall Pro) and technicians' calendars. Every /v1 request needs 'Authorization: Bearer <token>'. Errors are {\"error\": {\"code\", \"message\", ...}}; act on the code."
      },
      "servers": [{"url": "/"}],
      "security": [{"bearer": []}],
      "paths": {
        "/v1/slots/search": {
          "post": {
            "operationId": "searchSlots",
            "summary": "Find ranked slots for a job: who can go, when, and why.",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SlotSearchRequest"},
              "example": {"job_type": "No Heat", "address": {"street": "1418 W Addison St", "city": "Chicago", "state": "IL", "zip": "60613"}, "urgency": "urgent", "from": "2026-11-24T14:00:00Z", "to": "2026-11-26T00:00:00Z"}}}},
            "responses": {
              "200": {"description": "Ranked slots (best first) and the time the data was last synced.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SlotSearchAnswer"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/v1/bookings": {
          "post": {
            "operationId": "createBooking",
            "summary": "Book a technician for a slot. Holds the time atomically, then writes the job to the shop's field-service tool exactly once.",
            "parameters": [{"name": "Idempotency-Key", "in": "header", "required": true, "schema": {"type": "string", "maxLength": 255},
              "description": "Unique per booking attempt. A retry with the same key returns the first answer; the same key with a different body is refused (idempotency_key_reused)."}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BookingRequest"},
              "example": {"technician_id": "maria-lopez", "start": "2026-11-24T15:00:00Z", "end": "2026-11-24T17:00:00Z", "job": {"job_type": "No Heat", "customer": {"name": "Pat Doe", "phone": "+1 312 555 0100"}, "address": {"street": "1418 W Addison St", "city": "Chicago", "state": "IL", "zip": "60613"}, "summary": "Furnace not starting, house at 55F", "urgency": "urgent"}}}}},
            "responses": {
              "201": {"description": "Booked (status confirmed, with the backend's ids) or, for a backend in shadow mode, recorded (status shadowed, with would_send).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}}},
              "202": {"description": "Held, and the write to the backend is still owed (the backend is slow or failing); fieldsync keeps trying. Poll GET /v1/bookings/{id}.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"},
              "409": {"description": "slot_taken (the time is gone; see alternatives) or not_bookable (the technician cannot take this job).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "422": {"description": "backend_refused (the field-service tool said no; see alternatives), too_late, unknown_job_type, unknown_technician, idempotency_key_reused.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
            }
          },
          "get": {
            "operationId": "listBookings",
            "summary": "The most recent bookings, newest first.",
            "parameters": [
              {"name": "status", "in": "query", "schema": {"type": "string"}, "description": "Comma-separated statuses to keep."},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}}
            ],
            "responses": {
              "200": {"description": "Bookings.", "content": {"application/json": {"schema": {"type": "object", "properties": {"bookings": {"type": "array", "items": {"$ref": "#/components/schemas/Booking"}}}}}}},
              "401": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/v1/holds": {
          "post": {
            "operationId": "holdSlot",
            "summary": "Hold a slot while the caller confirms: the same checks as a booking, nothing written to the backend yet. The hold expires.",
            "parameters": [
              {"name": "Idempotency-Key", "in": "header", "required": true, "schema": {"type": "string", "maxLength": 255}},
              {"name": "minutes", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 240}, "description": "How long to hold (default booking.hold_minutes, 5)."}
            ],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BookingRequest"}}}},
            "responses": {
              "201": {"description": "Held (status held, with hold_expires_at).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/v1/holds/{id}/book": {
          "post": {
            "operationId": "bookHold",
            "summary": "Book a hold: write it through to the backend, as POST /v1/bookings does. Safe to retry.",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {
              "201": {"description": "Booked.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}}},
              "202": {"description": "The write is still owed; poll GET /v1/bookings/{id}.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}}},
              "401": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"description": "hold_expired, or not_bookable.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/v1/holds/{id}": {
          "delete": {
            "operationId": "releaseHold",
            "summary": "Give a hold back (the caller said no).",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {
              "200": {"description": "Released.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}}},
              "401": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/v1/bookings/{id}": {
          "get": {
            "operationId": "getBooking",
            "summary": "A booking's state, the backend's ids and its trail.",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {
              "200": {"description": "The booking.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}}},
              "401": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/openapi.json": {"get": {"operationId": "openAPI", "security": [], "summary": "This document.", "responses": {"200": {"description": "OpenAPI 3.1."}}}},
        "/health": {"get": {"operationId": "health", "security": [], "summary": "Liveness, and what a monitor alerts on: bookings still owed a write, the age of the data, and the last reconciliation.", "responses": {
          "200": {"description": "{\"status\": \"ok\", \"owed_writes\": 0, \"oldest_owed_seconds\": null, \"data_as_of\": T, \"last_reconciliation\": {\"run_id\", \"outcome\": \"clean|repaired|drift_found|incomplete\", \"finished_at\", \"differences\"} or null}"},
          "503": {"description": "The cache cannot be read."}}}}
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "The token from FIELDSYNC_API_TOKEN (or api.token in the configuration)."}},
        "responses": {"Error": {"description": "An error; the code says what to do (503 cache_unavailable: try again shortly; 500 internal_error).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}},
        "schemas": {
          "Address": {"type": "object", "properties": {
            "street": {"type": "string"}, "city": {"type": "string"}, "state": {"type": "string"}, "zip": {"type": "string"},
            "country": {"type": "string", "default": "US"}, "latitude": {"type": "number"}, "longitude": {"type": "number"}},
            "description": "Coordinates make distances exact; a zip alone ranks roughly."},
          "Urgency": {"type": "string", "enum": ["routine", "urgent", "emergency"]},
          "SlotSearchRequest": {"type": "object", "required": ["job_type"], "properties": {
            "job_type": {"type": "string", "description": "The shop's job type name (as in its field-service tool) or fieldsync's code."},
            "address": {"$ref": "#/components/schemas/Address"},
            "urgency": {"$ref": "#/components/schemas/Urgency"},
            "from": {"type": "string", "format": "date-time", "description": "Default now."},
            "to": {"type": "string", "format": "date-time", "description": "Default 7 days after from (1 day for emergencies); at most 62 days."},
            "technician_id": {"type": "string", "description": "The customer's preferred technician."},
            "customer_phone": {"type": "string", "description": "Lets the shop's never-send rules apply."},
            "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}}},
          "Slot": {"type": "object", "required": ["technician_id", "start", "end", "reasons"], "properties": {
            "technician_id": {"type": "string"}, "technician_name": {"type": "string"},
            "start": {"type": "string", "format": "date-time"}, "end": {"type": "string", "format": "date-time"},
            "arrival_window": {"type": "object", "properties": {"start": {"type": "string", "format": "date-time"}, "end": {"type": "string", "format": "date-time"}}},
            "reasons": {"type": "array", "items": {"type": "string"}, "description": "Why it ranks here, in words to say to the caller."},
            "score": {"type": "number"}, "distance_miles": {"type": "number"}, "jobs_that_day": {"type": "integer"},
            "on_call": {"type": "boolean"}, "source": {"type": "string"}}},
          "SlotSearchAnswer": {"type": "object", "required": ["slots", "as_of"], "properties": {
            "slots": {"type": "array", "items": {"$ref": "#/components/schemas/Slot"}},
            "as_of": {"type": ["string", "null"], "format": "date-time", "description": "When the data was last synced (the oldest source)."},
            "job_type": {"type": "object", "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "duration_minutes": {"type": "integer"}, "skills": {"type": "array", "items": {"type": "string"}}}},
            "urgency": {"$ref": "#/components/schemas/Urgency"},
            "from": {"type": "string", "format": "date-time"}, "to": {"type": "string", "format": "date-time"}}},
          "BookingRequest": {"type": "object", "required": ["technician_id", "start", "end", "job"], "properties": {
            "technician_id": {"type": "string"},
            "start": {"type": "string", "format": "date-time"}, "end": {"type": "string", "format": "date-time"},
            "job": {"type": "object", "required": ["job_type", "customer", "address"], "properties": {
              "job_type": {"type": "string"},
              "customer": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string"}}},
              "address": {"$ref": "#/components/schemas/Address"},
              "summary": {"type": "string"},
              "urgency": {"$ref": "#/components/schemas/Urgency"}}}}},
          "Booking": {"type": "object", "required": ["booking_id", "status"], "properties": {
            "booking_id": {"type": "string"},
            "status": {"type": "string", "enum": ["held", "writing", "confirmed", "failed", "released", "shadowed", "expired"]},
            "mode": {"type": "string", "enum": ["live", "shadow"]},
            "technician_id": {"type": "string"}, "source": {"type": "string"}, "backend": {"type": "string"},
            "start": {"type": "string", "format": "date-time"}, "end": {"type": "string", "format": "date-time"},
            "hold_expires_at": {"type": "string", "format": "date-time"},
            "remote": {"type": "object", "properties": {"job_id": {"type": "string"}, "appointment_id": {"type": "string"}, "customer_id": {"type": "string"}}},
            "would_send": {"type": "array", "items": {"type": "object", "properties": {"method": {"type": "string"}, "path": {"type": "string"}, "body": {"type": "string"}, "purpose": {"type": "string"}}}},
            "error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
            "attempts": {"type": "integer"},
            "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
            "events": {"type": "array", "items": {"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}, "status": {"type": "string"}, "detail": {"type": "string"}}}}}},
          "ErrorBody": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "enum": ["invalid_request", "idempotency_key_required", "idempotency_key_reused", "unknown_job_type", "unknown_technician", "slot_taken", "not_bookable", "backend_refused", "too_late", "hold_expired", "not_releasable", "released", "invalid_intent", "http_error", "not_found", "unauthorized", "method_not_allowed", "cache_unavailable", "internal_error"]},
            "message": {"type": "string"},
            "booking_id": {"type": "string"},
            "alternatives": {"type": "array", "items": {"$ref": "#/components/schemas/Slot"}}}}}}
        }
      }
    }
    """#
}
