package kg

import (
	"io"
	"strconv"
)

// The enum types marshal themselves for gqlgen (MarshalGQL/UnmarshalGQL need
// only io), so that the GraphQL schema binds straight to the domain types
// instead of to a generated copy of them.

func writeEnum(w io.Writer, s string) { io.WriteString(w, strconv.Quote(s)) }

func readEnum[T ~string](v any, valid func(T) bool, name string) (T, error) {
	s, ok := v.(string)
	if !ok || !valid(T(s)) {
		return "", Errorf(EINVALID, "%v is not a valid %s", v, name)
	}
	return T(s), nil
}

// MarshalGQL implements graphql.Marshaler.
func (k Kind) MarshalGQL(w io.Writer) { writeEnum(w, string(k)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (k *Kind) UnmarshalGQL(v any) (err error) {
	*k, err = readEnum(v, Kind.Valid, "EntityKind")
	return err
}

// MarshalGQL implements graphql.Marshaler.
func (t EventType) MarshalGQL(w io.Writer) { writeEnum(w, string(t)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (t *EventType) UnmarshalGQL(v any) (err error) {
	*t, err = readEnum(v, EventType.Valid, "EventType")
	return err
}

// MarshalGQL implements graphql.Marshaler. The empty Status (an entity or
// edge that has none) is written as null.
func (s Status) MarshalGQL(w io.Writer) {
	if s == "" {
		io.WriteString(w, "null")
		return
	}
	writeEnum(w, string(s))
}

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *Status) UnmarshalGQL(v any) (err error) {
	*s, err = readEnum(v, Status.Valid, "Status")
	return err
}

// MarshalGQL implements graphql.Marshaler.
func (t EdgeType) MarshalGQL(w io.Writer) { writeEnum(w, string(t)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (t *EdgeType) UnmarshalGQL(v any) (err error) {
	*t, err = readEnum(v, EdgeType.Valid, "EdgeType")
	return err
}

// Valid reports whether d is OUT, IN or BOTH.
func (d Direction) Valid() bool { return d == Out || d == In || d == Both }

// MarshalGQL implements graphql.Marshaler.
func (d Direction) MarshalGQL(w io.Writer) { writeEnum(w, string(d)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (d *Direction) UnmarshalGQL(v any) (err error) {
	*d, err = readEnum(v, Direction.Valid, "Direction")
	return err
}
