module github.com/socialgeo/socialgeo

go 1.23.0

require (
	github.com/mmcdole/gofeed v1.3.0
	github.com/paulmach/orb v0.14.0
	github.com/rivo/uniseg v0.4.7
	github.com/stretchr/testify v1.10.0
	github.com/tidwall/rtree v1.10.0
	golang.org/x/net v0.43.0
	golang.org/x/text v0.28.0
)

require (
	github.com/PuerkitoBio/goquery v1.8.0 // indirect
	github.com/andybalholm/cascadia v1.3.1 // indirect
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/json-iterator/go v1.1.12 // indirect
	github.com/mmcdole/goxpp v1.1.1-0.20240225020742-a0c311522b23 // indirect
	github.com/modern-go/concurrent v0.0.0-20180306012644-bacd9c7ef1dd // indirect
	github.com/modern-go/reflect2 v1.0.2 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/tidwall/geoindex v1.7.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
