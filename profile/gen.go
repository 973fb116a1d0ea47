package profile

//go:generate go run ./internal/gen -in ../../shared/data/profiles -out library
