module rasterpeers

go 1.19
