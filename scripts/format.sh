#!/usr/bin/env bash
# Formats every Swift file with the toolchain's swift-format and the repository's .swift-format.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format --in-place --recursive --configuration .swift-format Sources Tests Package.swift
