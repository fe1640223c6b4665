-- Macros sentence_start(text, start_char) and sentence_end(text, end_char):
-- 0-based offsets of the sentence around a span of articles.clean_text, so
-- views can show the sentence a fact was stated in and relate facts named in
-- the same sentence. A sentence ends at . ! ? or a line break.
CREATE OR REPLACE MACRO sentence_start(text, start_char) AS
    start_char - length(regexp_extract(substr(text, 1, start_char), '[^.!?\n]*$'));

CREATE OR REPLACE MACRO sentence_end(text, end_char) AS
    end_char + length(regexp_extract(substr(text, end_char + 1), '^[^.!?\n]*[.!?]?'));

CREATE OR REPLACE MACRO sentence_of(text, start_char, end_char) AS
    trim(substr(text, sentence_start(text, start_char) + 1,
                sentence_end(text, end_char) - sentence_start(text, start_char)));
