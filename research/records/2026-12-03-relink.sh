#!/bin/sh
# 2026-12-03: remove the predecessor links that the first imports and `add-tenure` made across holders
# who are not recorded (more than a year between one tenure's end and the next one's start, with no
# recorded gap between): 44 links, among them the false father-to-son succession of Gurbanguly and
# Serdar Berdimuhamedow as deputy chairmen of the Turkmen cabinet (2007 -> 2021). Derived data: no source.
set -e
succession relink --all
