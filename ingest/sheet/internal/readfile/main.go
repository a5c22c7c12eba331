// Command readfile reads one file with the sheet reader and prints the
// outcome and what it allocated, so that the cost of a file can be measured
// from outside (run it under /usr/bin/time -v for the peak resident size):
//
//	go run ./internal/mkfixtures -hostile /tmp/hostile
//	go build -o /tmp/readfile ./internal/readfile
//	/usr/bin/time -v /tmp/readfile /tmp/hostile/deep.xlsx
package main

import (
	"fmt"
	"os"
	"runtime"

	"c2isurvey/ingest/sheet"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: readfile FILE")
		os.Exit(2)
	}
	wb, err := sheet.Read(os.Args[1], sheet.DefaultLimits())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if err != nil {
		msg := err.Error()
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		fmt.Printf("refused: %s\n", msg)
	} else {
		cells := 0
		for _, sh := range wb.Sheets {
			for _, r := range sh.Rows {
				cells += len(r)
			}
		}
		fmt.Printf("read: %d sheets, %d cell slots\n", len(wb.Sheets), cells)
	}
	fmt.Printf("total allocated %d MiB, heap obtained from the OS %d MiB\n", ms.TotalAlloc>>20, ms.HeapSys>>20)
	runtime.KeepAlive(wb)
}
