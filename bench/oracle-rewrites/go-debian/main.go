package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		http.ListenAndServe(":8080", nil)
	}
	fmt.Println("hello from slimfile")
}
