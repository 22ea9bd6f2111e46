// Answers shaped as crictl prints them: crictl marshals the protobuf message with protojson
// (EmitDefaultValues): fields in field-number order, camelCase names, scalars at their default
// when unset, empty lists and maps, int64 as decimal strings, enums by name, bytes as base64,
// unset sub-messages left out, map keys sorted. Our decoded objects carry the same values;
// the schema decides shape and order.
import type protobuf from 'protobufjs';
import {criType} from '../wire/proto-types.js';

const longTypes = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

function scalar(field: protobuf.Field, value: unknown): unknown {
	const enumType = field.resolvedType as protobuf.Enum | null;
	if (enumType && 'valuesById' in enumType) {
		if (typeof value === 'number') return enumType.valuesById[value] ?? value;
		return value ?? enumType.valuesById[0];
	}

	if (longTypes.has(field.type)) return value == null ? '0' : String(value);
	if (field.type === 'bytes') return value == null ? '' : Buffer.from(value as Uint8Array).toString('base64');
	if (field.type === 'bool') return Boolean(value);
	if (field.type === 'string') return value == null ? '' : String(value);
	return value == null ? 0 : Number(value);
}

function element(field: protobuf.Field, value: unknown): unknown {
	const type = field.resolvedType;
	return type && 'fieldsArray' in type ? shape(type as protobuf.Type, value as Record<string, unknown>) : scalar(field, value);
}

function shape(type: protobuf.Type, value: Record<string, unknown> | null | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const fields = [...type.fieldsArray].sort((a, b) => a.id - b.id);
	for (const field of fields) {
		field.resolve();
		const v = value?.[field.name];
		if (field.map) {
			const entries = Object.entries((v ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
			out[field.name] = Object.fromEntries(entries.map(([k, x]) => [k, element(field, x)]));
		} else if (field.repeated) {
			out[field.name] = ((v ?? []) as unknown[]).map(x => element(field, x));
		} else if (field.resolvedType && 'fieldsArray' in field.resolvedType) {
			if (v != null) out[field.name] = shape(field.resolvedType as protobuf.Type, v as Record<string, unknown>);
		} else {
			out[field.name] = scalar(field, v);
		}
	}

	return out;
}

/** A decoded message of type `typeName` (e.g. `ListContainersResponse`) as crictl's JSON object. */
export function protoJson(typeName: string, value: object): Record<string, unknown> {
	return shape(criType(typeName), value as Record<string, unknown>);
}

/**
 * crictl inspect's `status`: every field of the message, unset sub-messages as null, keys
 * sorted (crictl builds a Go map from the protojson and marshals it again).
 */
export function protoJsonAllFields(typeName: string, value: object): Record<string, unknown> {
	const type = criType(typeName);
	const out = shape(type, value as Record<string, unknown>);
	for (const field of type.fieldsArray) if (!(field.name in out)) out[field.name] = null;
	return out;
}
