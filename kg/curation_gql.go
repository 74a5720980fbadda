package kg

import "io"

// Valid reports whether o is WRITE or CURATION.
func (o ChangeOrigin) Valid() bool { return o == ChangeWrite || o == ChangeCuration }

// MarshalGQL implements graphql.Marshaler.
func (op CurationOp) MarshalGQL(w io.Writer) { writeEnum(w, string(op)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (op *CurationOp) UnmarshalGQL(v any) (err error) {
	*op, err = readEnum(v, CurationOp.Valid, "CurationOp")
	return err
}

// MarshalGQL implements graphql.Marshaler.
func (o ChangeOrigin) MarshalGQL(w io.Writer) { writeEnum(w, string(o)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (o *ChangeOrigin) UnmarshalGQL(v any) (err error) {
	*o, err = readEnum(v, ChangeOrigin.Valid, "ChangeOrigin")
	return err
}
