package render_test

import (
	"os"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/aggregate/render"
)

func ExampleWriteCSV() {
	l := &render.Layer{
		Unit: "posts",
		Values: []render.Value{
			{ID: "GM0363", Name: "Amsterdam", V: 120, Props: []render.Prop{{Key: "authors", V: 87}, {Key: "sentiment", V: 0.25}}},
			{ID: "GM0307", Name: "Amersfoort", Suppressed: true},
			{ID: "GM0599", Name: "Rotterdam", V: 64, Props: []render.Prop{{Key: "authors", V: 40}}, Noised: true},
		},
	}
	if err := render.WriteCSV(os.Stdout, l); err != nil {
		panic(err)
	}
	// Output:
	// id,name,posts,authors,sentiment,suppressed,noised
	// GM0363,Amsterdam,120,87,0.25,false,false
	// GM0307,Amersfoort,,,,true,false
	// GM0599,Rotterdam,64,40,,false,true
}

func ExampleWriteGeoJSON() {
	l := &render.Layer{
		Unit: "posts",
		Values: []render.Value{
			{ID: "E1550N4630", Geometry: orb.Point{5.387206, 52.155174}, V: 12},
			{ID: "E1551N4630", Geometry: orb.Point{5.388, 52.155}, Suppressed: true},
		},
	}
	if err := render.WriteGeoJSON(os.Stdout, l); err != nil {
		panic(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"type":"Feature","id":"E1550N4630","geometry":{"type":"Point","coordinates":[5.387206,52.155174]},"properties":{"id":"E1550N4630","posts":12,"suppressed":false,"noised":false}},
	// {"type":"Feature","id":"E1551N4630","geometry":{"type":"Point","coordinates":[5.388,52.155]},"properties":{"id":"E1551N4630","suppressed":true,"noised":false}}
	// ]}
}
