package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
)

// codes maps ISO 3166 alpha-2 and alpha-3 codes to canonical state names.
type codes struct {
	iso2, iso3 map[string]string
}

// readCodes reads the alpha-3 codes of the committed states table and the
// alpha-2 code of each from the shared mledoze countries (the source of
// that table).
func readCodes(shared fs.FS, statesJSON []byte) (codes, error) {
	c := codes{iso2: map[string]string{}, iso3: map[string]string{}}
	var states struct {
		States []struct {
			Name string `json:"name"`
			ISO3 string `json:"iso3"`
		} `json:"states"`
	}
	if err := json.Unmarshal(statesJSON, &states); err != nil {
		return c, fmt.Errorf("states.json: %w", err)
	}
	for _, s := range states.States {
		if s.ISO3 != "" {
			c.iso3[s.ISO3] = s.Name
		}
	}
	raw, err := fs.ReadFile(shared, "gazetteer/mledoze_countries.json")
	if err != nil {
		return c, err
	}
	var countries []struct {
		CCA2 string `json:"cca2"`
		CCA3 string `json:"cca3"`
	}
	if err := json.Unmarshal(raw, &countries); err != nil {
		return c, fmt.Errorf("mledoze_countries.json: %w", err)
	}
	for _, m := range countries {
		if name, ok := c.iso3[m.CCA3]; ok {
			c.iso2[m.CCA2] = name
		}
	}
	// Kosovo's mledoze code (UNK) is user-assigned, and GeoNames uses XK.
	if name, ok := c.iso3["XKX"]; ok {
		c.iso2["XK"] = name
	}
	return c, nil
}
