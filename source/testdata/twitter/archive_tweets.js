window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1854088123456789012"
          ],
          "editableUntil" : "2024-11-06T10:12:44.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Utrecht",
            "indices" : [
              "87",
              "95"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Gemeente Utrecht",
            "screen_name" : "gemeenteutrecht",
            "indices" : [
              "70",
              "86"
            ],
            "id_str" : "145009212",
            "id" : "145009212"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "95"
      ],
      "favorite_count" : "17",
      "id_str" : "1854088123456789012",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1854088123456789012",
      "created_at" : "Wed Nov 06 09:12:44 +0000 2024",
      "favorited" : false,
      "full_text" : "Weer een gat in het fietspad op de Croeselaan &amp; niemand doet iets. @gemeenteutrecht #Utrecht",
      "lang" : "nl"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Gemeente Utrecht",
            "screen_name" : "gemeenteutrecht",
            "indices" : [
              "0",
              "16"
            ],
            "id_str" : "145009212",
            "id" : "145009212"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "17",
        "60"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1854090011223344556",
      "id_str" : "1854101234567000001",
      "in_reply_to_user_id" : "145009212",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1854101234567000001",
      "in_reply_to_status_id" : "1854090011223344556",
      "created_at" : "Wed Nov 06 10:50:00 +0000 2024",
      "favorited" : false,
      "full_text" : "@gemeenteutrecht Top, vanmiddag al gerepareerd!",
      "lang" : "nl",
      "in_reply_to_screen_name" : "gemeenteutrecht",
      "in_reply_to_user_id_str" : "145009212"
    }
  }
]
