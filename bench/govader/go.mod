module github.com/socialgeo/socialgeo/bench/govader

go 1.23.0

replace github.com/socialgeo/socialgeo => ../..

require (
	github.com/jonreiter/govader v0.0.0-20250429093935-f6505c8d03cc
	github.com/socialgeo/socialgeo v0.0.0-00010101000000-000000000000
	github.com/stretchr/testify v1.10.0
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	golang.org/x/text v0.28.0 // indirect
	gonum.org/v1/gonum v0.8.2 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
