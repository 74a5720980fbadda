package graph

import (
	"encoding/json"
	"fmt"
	"io"
)

// JSON is the GraphQL JSON scalar: a JSON value passed through as it is,
// so that a client reads an export as an object rather than as a string
// it must parse again.
type JSON json.RawMessage

// MarshalGQL writes the value as it is; an empty value is null.
func (j JSON) MarshalGQL(w io.Writer) {
	if len(j) == 0 {
		io.WriteString(w, "null")
		return
	}
	w.Write(j)
}

// UnmarshalGQL takes any input value; no argument has this type today, but
// gqlgen asks every scalar for both directions.
func (j *JSON) UnmarshalGQL(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("JSON scalar: %w", err)
	}
	*j = b
	return nil
}
