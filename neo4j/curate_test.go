package neo4j_test

import (
	"testing"

	"github.com/diplograph/diplograph/curate/curatetest"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/storetest"
)

func TestCurationStore(t *testing.T) {
	storetest.RunCuration(t, func(t *testing.T) kg.CurationStore { return mustOpen(t) })
}

func TestCurate(t *testing.T) {
	curatetest.Run(t, func(t *testing.T) kg.CurationStore { return mustOpen(t) })
}
