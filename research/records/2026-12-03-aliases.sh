#!/bin/sh
# Birth names read on the pages cited: Rustam Emomali was born Rustam Emomalievich Rahmonov (the family dropped
# the Russian surname ending in 2007); users still search for the old form.
set -e
succession add-person "Rustam Emomali" --alias "Rustam Rahmonov" --alias "Rustam Rakhmonov" --alias "Rustam Emomalievich Rahmonov" \
  --native "Рустам Эмомалиевич Раҳмонов@tg" --native "Рустам Эмомалиевич Рахмонов@ru" \
  --source "https://ixistenz.ch//?arg=https%3A%2F%2Fen.m.wikipedia.org%2Fwiki%2FRustam_Emomali&service=browserrender&system=11" \
  --source-title "Rustam Emomali (copy of https://en.wikipedia.org/wiki/Rustam_Emomali)" --publisher "Wikipedia (copy by a web proxy)"
succession cite "https://w3id.org/succession-kb/id/person/rustam-emomali" --source "https://de.zxc.wiki/wiki/Rustam_Emomalij" \
  --source-title "Rustam Emomali (copy of https://de.wikipedia.org/wiki/Rustam_Emomalij)" --publisher "Wikipedia (copy by zxc.wiki)"
